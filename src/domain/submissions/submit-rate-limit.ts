// Per-resident limit on new items. Redis only nudges: if the counter cannot be reached, the item is taken anyway (logged).
import { limitKey } from '../auth/deps';
import { AppError } from '../errors';
import type { RateLimiter } from '../../infra/rate-limiter';

export const SUBMIT_LIMIT = { perHour: 20, windowSec: 3600 } as const;
/** Longer than a healthy Redis ever takes; short enough that an outage costs the resident no noticeable wait. */
const LIMITER_TIMEOUT_MS = 300;

export async function checkSubmitLimit(
  deps: { limiter: RateLimiter; logger: { warn(obj: object, msg: string): void } },
  userId: number,
): Promise<void> {
  let res: Awaited<ReturnType<RateLimiter['hit']>>;
  try {
    res = await withTimeout(deps.limiter.hit(limitKey('submit-user', String(userId)), SUBMIT_LIMIT.perHour, SUBMIT_LIMIT.windowSec), LIMITER_TIMEOUT_MS);
  } catch (err) {
    // Failing open: losing a resident's tip costs more than letting a few extra through while Redis is away.
    deps.logger.warn({ userId, err: err instanceof Error ? err.message : String(err) }, 'submission rate limit unavailable; allowing the submission');
    return;
  }
  if (!res.allowed) throw new AppError('rate_limited', { key: 'report.err.limited', params: { m: Math.ceil(res.retryAfter / 60) } }, {}, res.retryAfter);
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`rate limiter timeout after ${ms} ms`)), ms);
  });
  // A late answer (or failure) of the abandoned call must not surface as an unhandled rejection.
  p.catch(() => {});
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
