// In front of the app on the real listener, like the asset fast path: a repeat anonymous scan of a poster is answered
// from the shared page cache without the app's router and middleware chain. The first scan of a page goes through
// the whole app; the headers it sent (security headers, CSP, Vary, Cache-Control) are kept with the cached page and
// repeated on later scans with a fresh CSP nonce and request id, so both paths answer alike by construction.
// The scan is counted and the latency metric observed exactly as the app does. Anything that is not plainly an
// anonymous full-page GET of /q/:code — a session cookie, an htmx request, a query string, a request id sent by a
// proxy, a page not cached yet or rendered from older data — goes to the app.
import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../app-env';
import { normalizeCode } from '../domain/qr/generate-code';
import { scanCounter } from '../domain/qr/scan-counter';
import { localeOf } from '../middleware/i18n';
import { nextNonce } from '../middleware/nonce';
import { sendsSessionCookie } from '../middleware/session';
import { COMPRESS_MIN_BYTES } from './html-response';
import { peekLanding } from './scan';
import { peekShared, sharedEntryOf, sharedKey, type SharedEntry } from './shared-page-cache';

type Fetch = (req: Request) => Response | Promise<Response>;

const SCAN_PATH = /^\/q\/[A-Za-z0-9-]{1,40}$/;
const ROUTE = '/q/:code';

/** The path of an absolute URL without parsing it (a query string stays on; it is checked by the caller). */
const pathOf = (url: string) => url.slice(url.indexOf('/', url.indexOf('//') + 2));

/**
 * Keeps the app's own headers for this page, the CSP cut where the nonce was, unless the response cannot be repeated
 * for another visitor: a cookie, a compressed body (chosen per Accept-Encoding), another status.
 */
function rememberHeaders(entry: SharedEntry, res: Response, nonce: string, bodyBytes: number): void {
  const csp = res.headers.get('content-security-policy');
  const repeatable =
    res.status === 200 && nonce !== '' && csp?.includes(nonce) && bodyBytes < COMPRESS_MIN_BYTES && !res.headers.has('set-cookie') && !res.headers.has('content-encoding');
  if (!repeatable) {
    entry.headers = null;
    return;
  }
  const fixed: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (name !== 'x-request-id' && name !== 'content-security-policy' && name !== 'content-length') fixed[name] = value;
  });
  entry.headers = { fixed, csp: csp!.split(nonce) };
}

export function withScanFastPath(next: Fetch, deps: AppDeps): Fetch {
  const debug = deps.logger.isLevelEnabled('debug');

  const viaApp = async (req: Request) => {
    const res = await next(req);
    const served = sharedEntryOf(req);
    if (served && served.entry.headers === undefined) {
      rememberHeaders(served.entry, res, served.nonce, served.entry.parts.reduce((n, p) => n + Buffer.byteLength(p), 0));
    }
    return res;
  };

  // Not async: a hit answers synchronously, without a promise per request.
  return (req) => {
    if (req.method !== 'GET') return next(req);
    const path = pathOf(req.url);
    if (!SCAN_PATH.test(path)) return next(req);
    const headers = req.headers;
    const cookie = headers.get('cookie');
    if (sendsSessionCookie(cookie) || headers.has('hx-request') || headers.has('x-request-id')) return next(req);
    const code = normalizeCode(path.slice(3));
    if (!code) return next(req);

    const started = performance.now();
    const landing = peekLanding(deps, code);
    if (!landing || landing.target.status !== 'active') return viaApp(req);
    const entry = peekShared(deps, sharedKey(localeOf(cookie), path, landing.key), landing.target);
    if (!entry?.headers) return viaApp(req);

    scanCounter(deps).add(landing.target.id);
    const nonce = nextNonce();
    const requestId = randomUUID();
    // A plain header object keeps @hono/node-server on its fast path (no Headers instance is built).
    const res = new Response(entry.parts.join(nonce), {
      status: 200,
      headers: { ...entry.headers.fixed, 'content-security-policy': entry.headers.csp.join(nonce), 'x-request-id': requestId },
    });
    deps.metrics.httpDuration.observe({ method: 'GET', route: ROUTE, status: '200' }, (performance.now() - started) / 1000);
    if (debug) deps.logger.debug({ reqId: requestId, method: 'GET', route: ROUTE, status: 200 }, 'request');
    return res;
  };
}
