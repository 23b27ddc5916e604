// Reads the session cookie; a tampered, expired or unknown cookie is dropped quietly and the visitor is anonymous.
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../app-env';
import { loadStaffScope } from '../domain/auth/staff-scope';
import { validateSessionToken } from '../domain/auth/sessions';

export const SESSION_COOKIE = 'anlin_session';
const SENT_SESSION_COOKIE = new RegExp(`(?:^|;)\\s*${SESSION_COOKIE}=`);
/** Whether a Cookie header carries a session cookie at all (valid or not): such a request is never anonymous-cached. */
export const sendsSessionCookie = (cookieHeader: string | null | undefined) => !!cookieHeader && SENT_SESSION_COOKIE.test(cookieHeader);

export const sessionMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('user', null);
  c.set('sessionId', null);
  c.set('staffScope', []);
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) {
    // A value hono cannot parse (a quote or backslash inside, or empty) reads as absent; drop it all the same.
    if (sendsSessionCookie(c.req.header('cookie'))) deleteCookie(c, SESSION_COOKIE, { path: '/' });
  } else {
    const { db, config } = c.get('deps');
    const valid = token.length <= 100 ? await validateSessionToken(db, token, config.SESSION_IDLE_DAYS * 86400_000) : null;
    if (!valid) {
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
    } else {
      c.set('user', valid.user);
      c.set('sessionId', valid.sessionId);
      // The inactivity timeout slides: when the session is extended, so is the cookie (else it dies N days after sign-in).
      if (valid.extended) setSessionCookie(c, token);
      if (valid.user.kind === 'staff') c.set('staffScope', await loadStaffScope(db, valid.user.id));
    }
  }
  await next();
};

export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    secure: c.get('deps').config.cookieSecure,
    sameSite: 'Lax',
    maxAge: c.get('deps').config.SESSION_IDLE_DAYS * 86400,
  });
}

export const clearSessionCookie = (c: Context<AppEnv>) => deleteCookie(c, SESSION_COOKIE, { path: '/' });
