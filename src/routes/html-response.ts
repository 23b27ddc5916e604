// Sends rendered HTML, compressed in place (synchronously, no stream) only when it is big enough to pay for it.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import { pickEncoding } from './encoding';

/**
 * Below this a page fits, headers included, in the first TCP window (initcwnd 10 × 1,460 B): compressing it saves
 * bytes but no round trip, and costs 25–35 µs of CPU on every request — more than the rest of a scan landing.
 */
export const COMPRESS_MIN_BYTES = 10 * 1024;

export function htmlResponse(c: Context, html: string, status: number) {
  const bytes = Buffer.byteLength(html);
  const encoding = bytes < COMPRESS_MIN_BYTES || c.req.method === 'HEAD' ? 'identity' : pickEncoding(c.req.header('accept-encoding'));
  if (encoding === 'identity') return c.html(html, status as 200);
  // Quality 4 brotli is both faster and smaller than gzip -6 on these pages; gzip for the rare client without br.
  const body = encoding === 'br' ? brotliCompressSync(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: bytes } }) : gzipSync(html, { level: 6 });
  c.header('Content-Encoding', encoding);
  c.header('Content-Type', 'text/html; charset=UTF-8');
  return c.body(body, status as 200);
}
