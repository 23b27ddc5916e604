// Step 1 of resident sign-in: send a 6-digit code to a mainland mobile, within resend and volume limits.
import { desc, eq } from 'drizzle-orm';
import { otpCodes } from '../../db/schema';
import { AppError } from '../errors';
import { limitKey, OTP, type AuthDeps } from './deps';
import { normalizePhone } from './phone';
import { signInThrottle } from './throttle';
import { hashSecret, sixDigitCode } from './tokens';

export interface CodeRequested {
  phone: string;
  /** The code itself: returned so demo mode can show it; never rendered otherwise. */
  code: string;
  resendAfterSec: number;
}

export async function requestSignInCode(deps: AuthDeps, input: { phone: unknown; ip: string }): Promise<CodeRequested> {
  const phone = normalizePhone(input.phone);
  const now = deps.now?.() ?? new Date();

  // An address locked out of this phone by its wrong codes gets no new code for it either; other addresses do.
  await signInThrottle(deps.limiter, { kind: 'otp', account: phone, ip: input.ip, lock: OTP, lockedKey: 'err.otp.locked' }).assertNotLocked();
  const [last] = await deps.db.select().from(otpCodes).where(eq(otpCodes.phone, phone)).orderBy(desc(otpCodes.id)).limit(1);
  if (last) {
    const waited = Math.floor((now.getTime() - last.createdAt.getTime()) / 1000);
    if (waited < OTP.resendAfterSec) {
      const s = OTP.resendAfterSec - waited;
      throw new AppError('rate_limited', { key: 'err.otp.tooSoon', params: { s } }, {}, s);
    }
  }
  for (const [key, limit, window] of [
    [limitKey('otp-ip', input.ip), OTP.codesPerIpPerHour, 3600],
    [limitKey('otp-phone', phone), OTP.codesPerPhonePerDay, 86400],
  ] as const) {
    const r = await deps.limiter.hit(key, limit, window);
    if (!r.allowed) throw new AppError('rate_limited', { key: 'error.429', params: { s: r.retryAfter } }, {}, r.retryAfter);
  }

  const code = sixDigitCode();
  await deps.db.insert(otpCodes).values({
    phone,
    codeHash: hashSecret(code),
    createdAt: now,
    expiresAt: new Date(now.getTime() + OTP.ttlMs),
  });
  await deps.sms.sendCode(phone, code);
  return { phone, code, resendAfterSec: OTP.resendAfterSec };
}
