// Sign-in throttling for one account (a staff username or a resident's phone) tried from one address, as the usual
// guidance has it (OWASP's authentication cheat sheet): failures lock the (account, address) pair, so someone failing
// on purpose locks only themselves out; the account as a whole only slows down — one try per ACCOUNT_SLOW.everySec
// from anywhere — once failures from several addresses add up, which stops distributed guessing without a lock-out.
import type { RateLimiter } from '../../infra/rate-limiter';
import { AppError } from '../errors';
import type { MessageKey } from '../../i18n/messages';
import { limitKey } from './deps';

/**
 * Failures at one account from all addresses together, within one window as long as the pair lock's, before it slows
 * down: three times the pair lock (LOGIN / OTP lockAfterFailures), so one address — at most two pair windows' worth,
 * 20 — can never reach it alone. Then one try per `everySec`, for everyone, until the window passes: a wait of
 * seconds for the real user, never a lock-out.
 */
export const ACCOUNT_SLOW = { afterFailures: 30, windowSec: 15 * 60, everySec: 30 } as const;

export interface SignInThrottle {
  /** Refuses if this address is locked out of this account; reads only (for pages before the real try). */
  assertNotLocked(): Promise<void>;
  /**
   * Counts a try for this pair before the (slow or racy) check, so parallel guesses cannot all read "no failures yet",
   * and applies the account's slow-down. Throws when either refuses.
   */
  claimTry(): Promise<void>;
  /** The check failed: counts against the whole account. Returns whether the pair is now locked. */
  failed(): Promise<boolean>;
  /** The check passed: this address starts afresh (the account's count runs out on its own). */
  succeeded(): Promise<void>;
}

/** The limiter keys of one (account, address) pair and of the account (tests and operators reset them by hand). */
export const throttleKeys = (kind: 'login' | 'otp', account: string, ip: string) => ({
  pair: limitKey(`${kind}-fail-pair`, `${account}\n${ip}`),
  account: limitKey(`${kind}-fail-account`, account),
  slow: limitKey(`${kind}-slow`, account),
});

export function signInThrottle(limiter: RateLimiter, opts: {
    kind: 'login' | 'otp';
    account: string;
    ip: string;
    /** Wrong tries from one address at this account before the pair is locked for the window (LOGIN / OTP). */
    lock: { lockAfterFailures: number; lockWindowSec: number };
    lockedKey: MessageKey;
  },): SignInThrottle {
  const { pair: pairKey, account: accountKey, slow: slowKey } = throttleKeys(opts.kind, opts.account, opts.ip);
  const locked = (retryAfter: number) => new AppError('rate_limited', { key: opts.lockedKey, params: { m: Math.ceil(retryAfter / 60) } }, {}, retryAfter);
  let pairCount = 0;
  const assertNotLocked = async () => {
    const pair = await limiter.peek(pairKey);
    if (pair.count >= opts.lock.lockAfterFailures) throw locked(pair.retryAfter);
  };
  return {
    assertNotLocked,
    async claimTry() {
      // A locked pair is refused before it can use up the account's slow-down turn.
      await assertNotLocked();
      const account = await limiter.peek(accountKey);
      if (account.count >= ACCOUNT_SLOW.afterFailures) {
        // Refused here, a try was never checked, so it does not count against the address either.
        const slow = await limiter.hit(slowKey, 1, ACCOUNT_SLOW.everySec);
        if (!slow.allowed) throw new AppError('rate_limited', { key: 'err.signIn.slowed', params: { s: slow.retryAfter } }, {}, slow.retryAfter);
      }
      const pair = await limiter.hit(pairKey, opts.lock.lockAfterFailures, opts.lock.lockWindowSec);
      pairCount = pair.count;
      if (!pair.allowed) throw locked(pair.retryAfter);
    },
    async failed() {
      await limiter.hit(accountKey, ACCOUNT_SLOW.afterFailures, ACCOUNT_SLOW.windowSec);
      return pairCount >= opts.lock.lockAfterFailures;
    },
    async succeeded() {
      await limiter.reset(pairKey);
    },
  };
}
