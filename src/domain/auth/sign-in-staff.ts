// Staff sign-in by username and password, locked for 15 minutes after 10 failures.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { users } from '../../db/schema';
import { AppError, fieldError } from '../errors';
import { LOGIN, limitKey } from './deps';
import type { RateLimiter } from '../../infra/rate-limiter';
import { dummyVerify, verifyPassword } from './passwords';
import { createSession } from './sessions';

export async function signInStaff(
  deps: { db: DbOrTx; limiter: RateLimiter },
  input: { username: unknown; password: unknown; ip: string },
): Promise<{ token: string; userId: number; mustChangePassword: boolean }> {
  const username = typeof input.username === 'string' ? input.username.normalize('NFKC').trim().toLowerCase() : '';
  const password = typeof input.password === 'string' ? input.password : '';
  if (!username) throw fieldError('username', 'err.login.usernameEmpty');
  if (!password) throw fieldError('password', 'err.login.passwordEmpty');
  if (username.length > 64 || password.length > 256) throw new AppError('validation', 'err.login.failed');

  const userKey = limitKey('login-fail', username);
  const ipKey = limitKey('login-fail-ip', input.ip);
  const locked = (retryAfter: number) =>
    new AppError('rate_limited', { key: 'err.login.locked', params: { m: Math.ceil(retryAfter / 60) } }, {}, retryAfter);
  const ipLock = await deps.limiter.peek(ipKey);
  if (ipLock.count >= LOGIN.failuresPerIp) throw locked(ipLock.retryAfter);
  // The account's try is counted before the (slow) password check and cleared on success: parallel guesses
  // cannot all read "no failures yet". The per-address count only ever counts failures (offices share an address).
  const userTry = await deps.limiter.hit(userKey, LOGIN.lockAfterFailures, LOGIN.lockWindowSec);
  if (!userTry.allowed) throw locked(userTry.retryAfter);

  const [user] = await deps.db.select().from(users).where(eq(users.username, username)).limit(1);
  const ok = user?.kind === 'staff' && user.passwordHash ? await verifyPassword(user.passwordHash, password) : await dummyVerify(password);
  if (!ok || !user) {
    await deps.limiter.hit(ipKey, LOGIN.failuresPerIp, LOGIN.lockWindowSec);
    throw new AppError('validation', 'err.login.failed');
  }
  await deps.limiter.reset(userKey);
  if (user.disabledAt) throw new AppError('forbidden', 'err.login.disabled');
  await deps.db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id));
  const session = await createSession(deps.db, user.id);
  return { token: session.token, userId: user.id, mustChangePassword: user.mustChangePassword };
}
