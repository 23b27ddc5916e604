// In front of the app on the real listener, like the asset fast path: a repeat anonymous scan of a poster is answered
// from the shared page cache on Node's own request and response (http-fast-path.ts), without @hono/node-server's
// Request and Response or the app's router and middleware chain. The first scan of a page goes through the whole
// app; the headers it sent (security headers, CSP, Vary, Cache-Control) are kept with the cached page and repeated
// on later scans with a fresh CSP nonce and request id, so both paths answer alike by construction.
// The scan is counted and the latency metric observed exactly as the app does. Anything that is not plainly an
// anonymous full-page GET of /q/:code — a session cookie, an htmx request, a query string, a request id sent by a
// proxy, a page not cached yet or rendered from older data — goes to the app.
import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../app-env';
import { normalizeCode } from '../domain/qr/generate-code';
import { scanCounter } from '../domain/qr/scan-counter';
import { rawHeader, type NodeFastPath } from '../http-fast-path';
import { localeOf } from '../middleware/i18n';
import { nextNonce } from '../middleware/nonce';
import { sendsSessionCookie } from '../middleware/session';
import { COMPRESS_MIN_BYTES } from './html-response';
import { peekLanding } from './scan';
import { peekShared, sharedEntryOf, sharedKey, type SharedEntry } from './shared-page-cache';

type Fetch = (req: Request) => Response | Promise<Response>;

/** The path alone: a query string makes it no match (such requests go to the app). */
const SCAN_PATH = /^\/q\/[A-Za-z0-9-]{1,40}$/;
const ROUTE = '/q/:code';

/**
 * Keeps the app's own headers for this page, the CSP cut where the nonce was, unless the response cannot be repeated
 * for another visitor: a cookie, a compressed body (chosen per Accept-Encoding), another status.
 */
function rememberHeaders(entry: SharedEntry, res: Response, nonce: string): void {
  const body = entry.parts.map((p) => Buffer.from(p));
  const csp = res.headers.get('content-security-policy');
  const bodyBytes = body.reduce((n, b) => n + b.length, 0);
  const repeatable =
    res.status === 200 && nonce !== '' && csp?.includes(nonce) && bodyBytes < COMPRESS_MIN_BYTES && !res.headers.has('set-cookie') && !res.headers.has('content-encoding');
  if (!repeatable) {
    entry.headers = null;
    return;
  }
  const fixed: string[] = [];
  res.headers.forEach((value, name) => {
    if (name !== 'x-request-id' && name !== 'content-security-policy' && name !== 'content-length') fixed.push(name, value);
  });
  entry.headers = { fixed, csp: csp!.split(nonce), body };
}

export function scanFastPath(deps: AppDeps): { wrap: (next: Fetch) => Fetch; answer: NodeFastPath } {
  const debug = deps.logger.isLevelEnabled('debug');

  /**
   * Around the app: a scan page it served from the shared cache leaves its headers there for `answer`. Other
   * requests pass straight through (no extra promise).
   */
  const wrap =
    (next: Fetch): Fetch =>
    (req) => {
      const res = next(req);
      if (req.method !== 'GET' || !req.url.includes('/q/')) return res;
      return Promise.resolve(res).then((r) => {
        const served = sharedEntryOf(req);
        if (served && served.entry.headers === undefined) rememberHeaders(served.entry, r, served.nonce);
        return r;
      });
    };

  const answer: NodeFastPath = (req, res) => {
    if (req.method !== 'GET') return false;
    const path = req.url ?? '';
    if (!SCAN_PATH.test(path)) return false;
    if (rawHeader(req, 'hx-request') !== undefined || rawHeader(req, 'x-request-id') !== undefined) return false;
    const cookie = rawHeader(req, 'cookie') ?? null;
    if (sendsSessionCookie(cookie)) return false;
    const code = normalizeCode(path.slice(3));
    if (!code) return false;

    const started = performance.now();
    const landing = peekLanding(deps, code);
    if (!landing || landing.target.status !== 'active') return false;
    const entry = peekShared(deps, sharedKey(localeOf(cookie), path, landing.key), landing.target);
    const saved = entry?.headers;
    if (!saved) return false;

    scanCounter(deps).add(landing.target.id);
    const nonce = nextNonce();
    const requestId = randomUUID();
    // The page's parts were encoded once; only the nonce is new bytes.
    const nonceBytes = Buffer.from(nonce, 'latin1');
    const chunks: Buffer[] = [saved.body[0]];
    for (let i = 1; i < saved.body.length; i++) chunks.push(nonceBytes, saved.body[i]);
    const body = Buffer.concat(chunks);
    // A flat header list: an object built key by key from the app's headers is slow for Node to walk (measured: a
    // third of the request's CPU), a list is read in order.
    res.writeHead(200, saved.fixed.concat('content-security-policy', saved.csp.join(nonce), 'x-request-id', requestId, 'content-length', String(body.length)));
    res.end(body);
    deps.metrics.httpDuration.observe({ method: 'GET', route: ROUTE, status: '200' }, (performance.now() - started) / 1000);
    if (debug) deps.logger.debug({ reqId: requestId, method: 'GET', route: ROUTE, status: 200 }, 'request');
    return true;
  };

  return { wrap, answer };
}
