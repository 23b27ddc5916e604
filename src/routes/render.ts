// Rendering helpers shared by routes: full page vs htmx partial, redirects that htmx follows, form errors.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { jsx } from 'hono/jsx';
import type { AppEnv } from '../app-env';
import { AppError, type Msg } from '../domain/errors';
import { countUnread } from '../domain/notifications/count-unread';
import { countOpenItems } from '../domain/console/count-queue';
import { Page } from '../../views/layouts/page';
import type { ViewCtx } from '../../views/view-ctx';
import type { FieldErrors } from '../../views/components/field';
import { ASSETS } from './assets';
import { htmlResponse } from './html-response';

/** Unread counts loaded for this request's page frame (see render), so viewCtx itself stays synchronous. */
const navUnread = new WeakMap<Request, number>();
/** Staff who work items see how many are still open (one COUNT over their scope), loaded like navUnread. */
const navOpenItems = new WeakMap<Request, number>();

export function viewCtx(c: Context<AppEnv>): ViewCtx {
  const user = c.get('user');
  return {
    t: c.get('t'),
    locale: c.get('locale'),
    nonce: c.get('secureHeadersNonce') ?? '',
    user: user ? { kind: user.kind, name: user.displayName, roles: [...new Set(c.get('staffScope').map((r) => r.role))] } : null,
    demoMode: c.get('deps').config.demoMode,
    inProcessJobs: c.get('deps').jobs.mode === 'inprocess',
    assets: ASSETS,
    path: c.req.path,
    unread: navUnread.get(c.req.raw),
    openItems: navOpenItems.get(c.req.raw),
    timeZone: c.get('deps').config.DISPLAY_TZ,
  };
}

/** Residents see their unread count in the navigation; a failing count must not cost them the page (or the error page). */
async function loadNavUnread(c: Context<AppEnv>): Promise<void> {
  const user = c.get('user');
  if (user?.kind === 'staff') return loadNavOpenItems(c);
  if (user?.kind !== 'resident') return;
  try {
    navUnread.set(c.req.raw, await countUnread(c.get('deps').db, user.id));
  } catch (err) {
    c.get('deps').logger.warn({ reqId: c.get('requestId'), err }, 'unread count failed');
  }
}

async function loadNavOpenItems(c: Context<AppEnv>): Promise<void> {
  try {
    const n = await countOpenItems(c.get('deps').db, c.get('staffScope'));
    if (n !== null) navOpenItems.set(c.req.raw, n);
  } catch (err) {
    c.get('deps').logger.warn({ reqId: c.get('requestId'), err }, 'open item count failed');
  }
}

/** htmx 4 sends HX-Request-Type: partial when it swaps one target; anything else gets the whole page. */
export const isPartialRequest = (c: Context) => c.req.header('HX-Request') === 'true' && c.req.header('HX-Request-Type') !== 'full';

export interface RenderOptions {
  title: string;
  body: Child;
  partial?: Child;
  status?: number;
}

export const VARY = 'HX-Request, HX-Request-Type, Accept-Encoding';

export async function render(c: Context<AppEnv>, opts: RenderOptions) {
  c.header('Vary', VARY);
  const status = opts.status ?? 200;
  if (isPartialRequest(c) && opts.partial !== undefined) return htmlResponse(c, String(opts.partial), status);
  return htmlResponse(c, await pageHtml(c, opts), status);
}

/** The whole page (layout + body) as HTML. */
export async function pageHtml(c: Context<AppEnv>, opts: RenderOptions): Promise<string> {
  await loadNavUnread(c);
  return `<!doctype html>${jsx(Page, { v: viewCtx(c), title: opts.title, children: opts.body })}`;
}

/** After a successful form post: htmx follows HX-Redirect; a plain form gets 303. */
export function redirectTo(c: Context<AppEnv>, url: string) {
  if (c.req.header('HX-Request') === 'true') {
    c.header('HX-Redirect', url);
    return c.body(null, 204);
  }
  return c.redirect(url, 303);
}

export interface FormFailure {
  status: number;
  fields: FieldErrors;
  formError?: Msg;
}

/** Runs a form action; user-facing failures come back as data so the form is re-rendered with values kept. */
export async function tryForm<T>(c: Context<AppEnv>, run: () => Promise<T>): Promise<{ ok: true; value: T } | ({ ok: false } & FormFailure)> {
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500 || err.code === 'not_found') throw err;
    if (err.retryAfter) c.header('Retry-After', String(err.retryAfter));
    const hasFields = Object.keys(err.fields).length > 0;
    return { ok: false, status: err.status, fields: err.fields, formError: hasFields ? undefined : err.msg };
  }
}

/** Reads a urlencoded or multipart form into plain strings (first value wins); anything else is a 415. */
export async function formBody(c: Context<AppEnv>): Promise<Record<string, string>> {
  const type = c.req.header('content-type') ?? '';
  // The whole media type, not a prefix: "application/x-www-form-urlencodedx" slips past hono/csrf's check, so it must not parse here.
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i.test(type)) throw new AppError('unsupported_media_type', 'error.415');
  const body = await c.req.parseBody().catch(() => {
    throw new AppError('bad_request', 'error.400');
  });
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first !== 'string') continue;
    // Postgres text cannot hold NUL; refuse it here with a readable message rather than a 500 later.
    if (first.includes('\u0000')) throw new AppError('bad_request', 'err.text.nul', { [k]: { key: 'err.text.nul' } });
    out[k] = first;
  }
  return out;
}
