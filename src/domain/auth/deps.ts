// What the sign-in use cases need from the outside world.
import { createHash } from 'node:crypto';
import type { DbOrTx } from '../../db/client';
import type { RateLimiter } from '../../infra/rate-limiter';
import type { SmsProvider } from '../../infra/sms';

export interface AuthDeps {
  db: DbOrTx;
  limiter: RateLimiter;
  sms: SmsProvider;
  now?: () => Date;
}

/** Rate-limit keys never carry a phone number or username in clear. */
export const limitKey = (kind: string, value: string) => `${kind}:${createHash('sha256').update(value).digest('hex').slice(0, 24)}`;

export const OTP = {
  ttlMs: 5 * 60 * 1000,
  maxTriesPerCode: 5,
  resendAfterSec: 60,
  /** Wrong codes for one phone from one address before that address is locked out of it for the window (throttle.ts). */
  lockAfterFailures: 10,
  lockWindowSec: 15 * 60,
  codesPerIpPerHour: 30,
  /** Wrong codes from one address (any phone) before it is locked for the window. */
  failuresPerIp: 50,
  codesPerPhonePerDay: 15,
} as const;

/** lockAfterFailures: wrong passwords for one account from one address before that pair is locked (throttle.ts). */
export const LOGIN = { lockAfterFailures: 10, lockWindowSec: 15 * 60, failuresPerIp: 50 } as const;
