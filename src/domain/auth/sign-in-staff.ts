// Staff sign-in by username and password: 10 failures lock that address out of that account for 15 minutes.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { users } from '../../db/schema';
import { AppError, fieldError } from '../errors';
import { LOGIN, limitKey } from './deps';
import type { RateLimiter } from '../../infra/rate-limiter';
import { dummyVerify, verifyPassword } from './passwords';
import { createSession } from './sessions';
import { signInThrottle } from './throttle';

export async function signInStaff(
  deps: { db: DbOrTx; limiter: RateLimiter },
  input: { username: unknown; password: unknown; ip: string },
): Promise<{ token: string; userId: number; mustChangePassword: boolean }> {
  const username = typeof input.username === 'string' ? input.username.normalize('NFKC').trim().toLowerCase() : '';
  const password = typeof input.password === 'string' ? input.password : '';
  if (!username) throw fieldError('username', 'err.login.usernameEmpty');
  if (!password) throw fieldError('password', 'err.login.passwordEmpty');
  if (username.length > 64 || password.length > 256) throw new AppError('validation', 'err.login.failed');

  const ipKey = limitKey('login-fail-ip', input.ip);
  const ipLock = await deps.limiter.peek(ipKey);
  if (ipLock.count >= LOGIN.failuresPerIp) {
    throw new AppError('rate_limited', { key: 'err.login.locked', params: { m: Math.ceil(ipLock.retryAfter / 60) } }, {}, ipLock.retryAfter);
  }
  // Failures lock this address out of this account only (someone failing on purpose cannot lock the real user out);
  // the account itself only slows down when failures from many addresses add up. See throttle.ts.
  const throttle = signInThrottle(deps.limiter, { kind: 'login', account: username, ip: input.ip, lock: LOGIN, lockedKey: 'err.login.locked' });
  await throttle.claimTry();

  const [user] = await deps.db.select().from(users).where(eq(users.username, username)).limit(1);
  const ok = user?.kind === 'staff' && user.passwordHash ? await verifyPassword(user.passwordHash, password) : await dummyVerify(password);
  if (!ok || !user) {
    // The per-address count only ever counts failures (offices share an address).
    await deps.limiter.hit(ipKey, LOGIN.failuresPerIp, LOGIN.lockWindowSec);
    await throttle.failed();
    throw new AppError('validation', 'err.login.failed');
  }
  await throttle.succeeded();
  if (user.disabledAt) throw new AppError('forbidden', 'err.login.disabled');
  await deps.db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id));
  const session = await createSession(deps.db, user.id);
  return { token: session.token, userId: user.id, mustChangePassword: user.mustChangePassword };
}
