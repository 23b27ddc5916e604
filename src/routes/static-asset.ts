// A static file served the cheap way: brotli and gzip computed once when the module loads, a strong ETag, immutable
// caching, and a plain header object so @hono/node-server writes it on its fast path (no Headers, no stream).
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Context, Next } from 'hono';
import { MAX_URL_BYTES } from '../http-limits';
import { pickEncoding } from './encoding';

/**
 * The page middleware (secureHeaders) does not run for these responses. Of its headers, these are the ones a
 * stylesheet or script response is subject to: the MIME check (nosniff, which makes browsers refuse a script or style
 * served with the wrong type), who may embed it (CORP), and the referrer of what it fetches itself (fonts, images).
 * The rest (CSP and its nonce, frame options, COOP, X-XSS-Protection…) govern documents and do nothing on a
 * subresource; every page keeps them all. Each header also costs every client parsing it on every fetch.
 */
const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

/** One asset response: status, headers (with Content-Length for Node's own writer, `nodeHeaders`) and body. */
export interface AssetAnswer {
  status: 200 | 304;
  headers: Record<string, string>;
  /** Name, value, name, value…: Node writes a flat list without walking an object's keys. */
  nodeHeaders: string[];
  body: Uint8Array | null;
}

export function precompressedAsset(body: Uint8Array, contentType: string) {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  const common = { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Cache-Control': 'public, max-age=31536000, immutable', ETag: etag, Vary: 'Accept-Encoding' };
  const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } });
  const gzip = gzipSync(body, { level: 9 });
  // Response headers carry no Content-Length: @hono/node-server sets it from the body without another header to validate.
  const flat = (headers: Record<string, string>) => Object.entries(headers).flat();
  const variant = (b: Uint8Array, headers: Record<string, string>): AssetAnswer => ({
    status: 200, headers, nodeHeaders: flat({ ...headers, 'Content-Length': String(b.byteLength) }), body: b,
  });
  const variants = {
    br: variant(br, { ...common, 'Content-Encoding': 'br' }),
    gzip: variant(gzip, { ...common, 'Content-Encoding': 'gzip' }),
    identity: variant(body, common),
  };
  const notModifiedHeaders = { ...SECURITY_HEADERS, 'Cache-Control': common['Cache-Control'], ETag: etag, Vary: 'Accept-Encoding' };
  const notModified: AssetAnswer = { status: 304, headers: notModifiedHeaders, nodeHeaders: flat(notModifiedHeaders), body: null };
  /** The answer to a request with these headers (the same for the app's route and the listener's fast path). */
  const answerFor = (ifNoneMatch: string | undefined, acceptEncoding: string | undefined): AssetAnswer =>
    ifNoneMatch === etag ? notModified : variants[pickEncoding(acceptEncoding)];
  const handler = (c: Context, next: Next) => {
    // Too long a URL goes on to the page middleware, which answers 414 there.
    if (c.req.url.length > MAX_URL_BYTES) return next();
    const a = answerFor(c.req.header('if-none-match'), c.req.header('accept-encoding'));
    // Returning a Response with a plain object (not c.body, which builds a Headers for more than one header).
    return new Response(c.req.method === 'HEAD' ? null : a.body, { status: a.status, headers: a.headers });
  };
  return Object.assign(handler, { answerFor });
}
