// Step 2 of resident sign-in: check the code (5 tries per code, lock after 10 wrong in a row), then sign in or register.
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { otpCodes, users } from '../../db/schema';
import { AppError, fieldError } from '../errors';
import { limitKey, OTP, type AuthDeps } from './deps';
import { normalizePhone } from './phone';
import { createSession } from './sessions';
import { hashSecret, sameHash } from './tokens';

export async function verifySignInCode(
  deps: AuthDeps & { db: Db },
  input: { phone: unknown; code: unknown; ip?: string },
): Promise<{ token: string; userId: number; isNew: boolean }> {
  const phone = normalizePhone(input.phone);
  const code = typeof input.code === 'string' ? input.code.normalize('NFKC').replace(/\s/g, '') : '';
  if (!/^\d{6}$/.test(code)) throw fieldError('code', 'err.otp.format');
  const now = deps.now?.() ?? new Date();
  const failKey = limitKey('otp-fail', phone);

  // One address guessing codes for many phones is limited too (per phone alone would not stop it).
  const ipKey = input.ip ? limitKey('otp-fail-ip', input.ip) : undefined;
  const ipLock = ipKey ? await deps.limiter.peek(ipKey) : { count: 0, retryAfter: 0 };
  if (ipLock.count >= OTP.failuresPerIp) {
    throw new AppError('rate_limited', { key: 'err.otp.locked', params: { m: Math.ceil(ipLock.retryAfter / 60) } }, {}, ipLock.retryAfter);
  }
  const lock = await deps.limiter.peek(failKey);
  if (lock.count >= OTP.lockAfterFailures) {
    throw new AppError('rate_limited', { key: 'err.otp.locked', params: { m: Math.ceil(lock.retryAfter / 60) } }, {}, lock.retryAfter);
  }

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
  // Likewise the run of wrong codes is counted before the comparison (and cleared on success), so the lock holds under load.
  const fails = await deps.limiter.hit(failKey, OTP.lockAfterFailures, OTP.lockWindowSec);
  const locked = () => new AppError('rate_limited', { key: 'err.otp.locked', params: { m: Math.ceil(fails.retryAfter / 60) } }, {}, fails.retryAfter);
  if (!fails.allowed) throw locked();

  if (!sameHash(hashSecret(code), new Uint8Array(otp.codeHash))) {
    if (ipKey) await deps.limiter.hit(ipKey, OTP.failuresPerIp, OTP.lockWindowSec);
    if (fails.count >= OTP.lockAfterFailures) throw locked();
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
  await deps.limiter.reset(failKey);
  return result;
}
