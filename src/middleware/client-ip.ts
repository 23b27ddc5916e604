// The caller's address for rate limits and the audit log. Behind TRUST_PROXY, the X-Forwarded-For entry that the
// outermost trusted proxy appended: TRUSTED_PROXY_HOPS places from the right. Entries further left were sent by the
// client itself and are never believed (a forged leftmost entry would bypass every per-address limit).
import { isIP } from 'node:net';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppEnv } from '../app-env';

/** The address `hops` entries from the right of an X-Forwarded-For value, or undefined if it is absent or not an address. */
export function forwardedClient(header: string | undefined, hops: number): string | undefined {
  if (!header) return undefined;
  const entries = header.split(',');
  // Fewer entries than hops: the chain is shorter than configured, so the leftmost is the furthest any proxy saw.
  const entry = entries[Math.max(0, entries.length - hops)].trim();
  return isIP(entry) ? entry : undefined;
}

export function clientIp(c: Context<AppEnv>): string {
  const config = c.var.deps.config;
  if (config.TRUST_PROXY) {
    const forwarded = forwardedClient(c.req.header('x-forwarded-for'), config.TRUSTED_PROXY_HOPS);
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'local'; // in-process requests (tests) have no socket
  }
}
