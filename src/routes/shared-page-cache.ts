// Pages that every anonymous visitor sees alike (the scan landing of a code) are rendered once and kept with the CSP
// nonce cut out; each response splices in its own fresh nonce. Rendering the layout and page was the largest share
// of a scan's CPU after the scan count left the request path.
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import { htmlResponse } from './html-response';
import type { Child } from 'hono/jsx';
import type { ViewCtx } from '../../views/view-ctx';
import { isPartialRequest, pageHtml, render, VARY, viewCtx, type RenderOptions } from './render';

/** Stands in for the nonce while rendering; random per process, so no page content can contain it. */
const SLOT = `nonce-slot-${randomBytes(12).toString('hex')}`;
const MAX_ENTRIES = 5000;

export interface SharedEntry {
  /** The data the page was rendered from: a different object (the scan cache reloaded it) means render again. */
  source: object;
  parts: string[];
  /**
   * The headers the whole app sent with this page the first time (name, value, name, value…: Node writes a flat list
   * without walking an object's keys), the CSP cut at its nonce, and the page's parts
   * encoded once (scan-fast-path.ts fills it in and answers later requests from it); null when that response cannot
   * be repeated as is.
   */
  headers?: { fixed: string[]; csp: string[]; body: Buffer[] } | null;
}

const caches = new WeakMap<object, Map<string, SharedEntry>>();
/** The shared entry a request was answered from, and the nonce spliced into it: read by the scan fast path. */
const servedFrom = new WeakMap<Request, { entry: SharedEntry; nonce: string }>();

export const sharedKey = (locale: string, path: string, key: string) => `${locale}|${path}|${key}`;

/** The cached page for this key, if it was rendered from `source` (the same object). */
export function peekShared(deps: object, full: string, source: object): SharedEntry | undefined {
  const entry = caches.get(deps)?.get(full);
  return entry && entry.source === source ? entry : undefined;
}

/** Which shared entry (if any) the app answered this request from. */
export const sharedEntryOf = (req: Request) => servedFrom.get(req);

/**
 * Renders like render(), from a cached copy when the visitor is anonymous, the request is a full page and `source`
 * is the same object as last time. Signed-in visitors see their own navigation and always get a fresh render.
 */
export async function renderShared(c: Context<AppEnv>, key: string, source: object, opts: Omit<RenderOptions, 'body'> & { body: (v: ViewCtx) => Child }) {
  // The body is built from the view context of the render (the nonce slot when cached), never the request's own.
  const page = () => ({ ...opts, body: opts.body(viewCtx(c)) });
  if (c.get('user') || isPartialRequest(c)) return render(c, page());
  const deps = c.get('deps');
  let cache = caches.get(deps);
  if (!cache) caches.set(deps, (cache = new Map()));
  // The path is on the page (the language switch returns to it); the locale decides every word.
  const full = sharedKey(c.get('locale'), c.req.path, key);
  let entry = cache.get(full);
  if (!entry || entry.source !== source) {
    const nonce = c.get('secureHeadersNonce');
    c.set('secureHeadersNonce', SLOT);
    let html: string;
    try {
      html = await pageHtml(c, page());
    } finally {
      c.set('secureHeadersNonce', nonce);
    }
    entry = { source, parts: html.split(SLOT) };
    cache.delete(full);
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(full, entry);
  }
  c.header('Vary', VARY);
  const nonce = c.get('secureHeadersNonce') ?? '';
  servedFrom.set(c.req.raw, { entry, nonce });
  return htmlResponse(c, entry.parts.join(nonce), opts.status ?? 200);
}
