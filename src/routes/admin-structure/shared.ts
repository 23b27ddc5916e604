// Small helpers shared by the admin structure routes: ids from the path, who is acting, filters from the query.
import type { Context } from 'hono';
import type { AppEnv } from '../../app-env';
import { notFound } from '../../domain/errors';
import { clientIp } from '../../middleware/client-ip';

/** Path ids are 1–9 digits; "abc", "-1", "1;select 1" or "%2e%2e" read as "not found", never as a 500. */
export const idOf = (raw: string | undefined) => {
  if (!raw || !/^\d{1,9}$/.test(raw)) throw notFound();
  return Number(raw);
};

export const actor = (c: Context<AppEnv>) => ({ actorId: c.var.user!.id, scope: c.var.staffScope, ip: clientIp(c) });

export const query = (c: Context<AppEnv>, name: string) => (c.req.query(name) ?? '').replace(/\u0000/g, '');

/** Success notices travel as a fixed word in the redirect URL (?ok=saved), never as free text. */
export const noticeKey = <K extends string>(c: Context<AppEnv>, keys: Record<string, K>): K | undefined => {
  const ok = c.req.query('ok');
  return ok && Object.hasOwn(keys, ok) ? keys[ok] : undefined;
};
