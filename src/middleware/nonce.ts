// The CSP nonce for each response, 128 random bits as hono's NONCE makes it, but cut from a pooled buffer of
// crypto-random bytes: one getRandomValues per request was a measurable share of a scan landing's CPU.
import { randomFillSync } from 'node:crypto';
import type { Context } from 'hono';

const NONCE_BYTES = 16;
const pool = Buffer.alloc(NONCE_BYTES * 256);
let offset = pool.length;

export function nextNonce(): string {
  if (offset + NONCE_BYTES > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  // base64 of bytes not handed out before: each nonce is used once and the pool is refilled before any byte repeats.
  const nonce = pool.toString('base64', offset, offset + NONCE_BYTES);
  offset += NONCE_BYTES;
  return nonce;
}

/** Drop-in for hono/secure-headers' NONCE in a CSP source list: sets `secureHeadersNonce` for the views. */
export const POOLED_NONCE = (c: Context): string => {
  let nonce = c.get('secureHeadersNonce') as string | undefined;
  if (nonce == null) c.set('secureHeadersNonce', (nonce = nextNonce()));
  return `'nonce-${nonce}'`;
};
