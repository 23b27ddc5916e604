// Guards: signed-in resident, staff with a role (anywhere); scope within a community or grid is checked by the use case.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env';
import { hasAnyRole } from '../domain/auth/staff-scope';
import type { StaffRole } from '../db/schema';
import { AppError } from '../domain/errors';

const logged404 = new WeakSet<Request>();

/** Sends anonymous visitors to sign in and back; signed-in users lacking the role get 403. */
export function requireStaff(roles?: readonly StaffRole[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.get('user');
    if (!user || user.kind !== 'staff') return c.redirect(`/staff/login?next=${encodeURIComponent(c.req.path)}`, 303);
    if (user.mustChangePassword && !c.req.path.startsWith('/account/password')) return c.redirect('/account/password', 303);
    if (roles && !hasAnyRole(c.get('staffScope'), roles)) throw new AppError('forbidden', 'error.403');
    await next();
    // Out-of-scope ids answer 404 like missing ones; the log keeps who asked for what (ids only, no personal data).
    // (Several route modules guard /admin/*, so one request may pass here more than once: log it once.)
    if (c.res.status === 404 && !logged404.has(c.req.raw)) {
      logged404.add(c.req.raw);
      c.get('deps').logger.warn({ reqId: c.get('requestId'), userId: user.id, method: c.req.method, path: c.req.path }, 'staff request answered 404 (missing or out of scope)');
    }
  };
}

export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('user')) return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303);
  await next();
};

/** Only same-site relative paths may be redirect targets after sign-in. */
export function safeNext(next: string | undefined, fallback: string): string {
  return next && /^\/(?![/\\])[\w\-./?=&%]*$/.test(next) ? next : fallback;
}
