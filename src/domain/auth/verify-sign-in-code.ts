// Step 2 of resident sign-in: check the code (5 tries per code; 10 wrong from one address lock that address out of the
// phone, see throttle.ts), then sign in or register.
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { otpCodes, users } from '../../db/schema';
import { AppError, fieldError } from '../errors';
import { limitKey, OTP, type AuthDeps } from './deps';
import { normalizePhone } from './phone';
import { createSession } from './sessions';
import { signInThrottle } from './throttle';
import { hashSecret, sameHash } from './tokens';

export async function verifySignInCode(
  deps: AuthDeps & { db: Db },
  input: { phone: unknown; code: unknown; ip: string },
): Promise<{ token: string; userId: number; isNew: boolean }> {
  const phone = normalizePhone(input.phone);
  const code = typeof input.code === 'string' ? input.code.normalize('NFKC').replace(/\s/g, '') : '';
  if (!/^\d{6}$/.test(code)) throw fieldError('code', 'err.otp.format');
  const now = deps.now?.() ?? new Date();

  // One address guessing codes for many phones is limited too (per phone alone would not stop it).
  const ipKey = limitKey('otp-fail-ip', input.ip);
  const ipLock = await deps.limiter.peek(ipKey);
  if (ipLock.count >= OTP.failuresPerIp) {
    throw new AppError('rate_limited', { key: 'err.otp.locked', params: { m: Math.ceil(ipLock.retryAfter / 60) } }, {}, ipLock.retryAfter);
  }
  // Wrong codes lock this address out of this phone, not the phone itself: the resident signing in from their own
  // phone is not locked out by someone failing on purpose elsewhere.
  const throttle = signInThrottle(deps.limiter, { kind: 'otp', account: phone, ip: input.ip, lock: OTP, lockedKey: 'err.otp.locked' });
  await throttle.assertNotLocked();

  const [otp] = await deps.db
    .select()
    .from(otpCodes)
    .where(and(eq(otpCodes.phone, phone), isNull(otpCodes.consumedAt), gt(otpCodes.expiresAt, now)))
    .orderBy(desc(otpCodes.id))
    .limit(1);
  if (!otp) throw fieldError('code', 'err.otp.expired');

  // Claim a try before comparing, in one conditional UPDATE: parallel guesses cannot all read "0 tries used".
  const [claimed] = await deps.db
    .update(otpCodes)
    .set({ attempts: sql`${otpCodes.attempts} + 1` })
    .where(and(eq(otpCodes.id, otp.id), isNull(otpCodes.consumedAt), lt(otpCodes.attempts, OTP.maxTriesPerCode)))
    .returning({ attempts: otpCodes.attempts });
  if (!claimed) throw fieldError('code', 'err.otp.exhausted');
  // Likewise this address's run of wrong codes is counted before the comparison (and cleared on success), so the lock
  // holds under load. Only tries that reached a code count; an exhausted code's refusals do not.
  await throttle.claimTry();

  if (!sameHash(hashSecret(code), new Uint8Array(otp.codeHash))) {
    await deps.limiter.hit(ipKey, OTP.failuresPerIp, OTP.lockWindowSec);
    // The wrong code that completes the run answers with the lock itself.
    if (await throttle.failed()) await throttle.assertNotLocked();
    const left = OTP.maxTriesPerCode - claimed.attempts;
    throw left > 0 ? fieldError('code', 'err.otp.wrong', { n: left }) : fieldError('code', 'err.otp.exhausted');
  }

  const result = await deps.db.transaction(async (tx) => {
    // Consuming is conditional, so one code signs in once even if submitted twice at the same moment.
    const consumed = await tx
      .update(otpCodes)
      .set({ consumedAt: now })
      .where(and(eq(otpCodes.id, otp.id), isNull(otpCodes.consumedAt)))
      .returning({ id: otpCodes.id });
    if (consumed.length === 0) throw fieldError('code', 'err.otp.expired');
    const inserted = await tx
      .insert(users)
      .values({ kind: 'resident', phone, lastSignInAt: now })
      .onConflictDoNothing({ target: users.phone })
      .returning({ id: users.id });
    let userId = inserted[0]?.id;
    if (!userId) {
      const [existing] = await tx.update(users).set({ lastSignInAt: now }).where(eq(users.phone, phone)).returning();
      if (existing.disabledAt) throw new AppError('forbidden', 'err.login.disabled');
      userId = existing.id;
    }
    const session = await createSession(tx, userId, now);
    return { token: session.token, userId, isNew: inserted.length > 0 };
  });
  await throttle.succeeded();
  return result;
}
