// Read-only Open311 GeoReport v2 (/open311/v2/…, .json and .xml) so civic dashboards can read public items.
// Anyone may read it (CORS open, cached a minute); what it may show is decided in src/domain/open311/open311-scope.ts.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env';
import { listOpen311Requests, listOpen311Services } from '../domain/open311/list-open311';
import { open311Errors, toXml } from '../domain/open311/open311-format';
import { Open311QueryError, readOpen311Query } from '../domain/open311/open311-query';

export const open311Routes = new Hono<AppEnv>();
const BASE = '/open311/v2';

type Format = 'json' | 'xml';
type Rec = Record<string, string | number | boolean | null | undefined>;

function answer(c: Context<AppEnv>, format: Format, root: string, item: string, records: Rec[], status = 200) {
  c.header('Access-Control-Allow-Origin', '*');
  c.header('Cache-Control', status === 200 ? 'public, max-age=60' : 'no-store');
  if (format === 'xml') return c.body(toXml(root, item, records), status as 200, { 'Content-Type': 'application/xml; charset=utf-8' });
  return c.json(records, status as 200);
}

const fail = (c: Context<AppEnv>, format: Format, code: 400 | 404, description: string) => answer(c, format, 'errors', 'error', open311Errors(code, description), code);

async function guarded(c: Context<AppEnv>, format: Format, run: () => Promise<Response>) {
  try {
    return await run();
  } catch (err) {
    if (err instanceof Open311QueryError) return fail(c, format, 400, err.description);
    throw err;
  }
}

for (const format of ['json', 'xml'] as const) {
  open311Routes.get(`${BASE}/services.${format}`, (c) =>
    guarded(c, format, async () => {
      const { jurisdiction } = readOpen311Query((n) => c.req.query(n));
      return answer(c, format, 'services', 'service', await listOpen311Services(c.var.deps.db, { jurisdiction }));
    }),
  );
  open311Routes.get(`${BASE}/requests.${format}`, (c) =>
    guarded(c, format, async () => {
      const filter = readOpen311Query((n) => c.req.query(n));
      return answer(c, format, 'service_requests', 'request', await listOpen311Requests(c.var.deps.db, { filter, timeZone: c.var.deps.config.DISPLAY_TZ }));
    }),
  );
}

// /open311/v2/requests/QY-2026-000123.json: the one request, as a one-element list (the standard's shape).
open311Routes.get(`${BASE}/requests/:file`, (c) => {
  const m = /^([A-Za-z]{1,8}-\d{4}-\d{6})\.(json|xml)$/.exec(c.req.param('file'));
  const format: Format = c.req.param('file').endsWith('.xml') ? 'xml' : 'json';
  if (!m) return fail(c, format, 404, 'no such service request');
  return guarded(c, format, async () => {
    const jurisdiction = readOpen311Query((n) => c.req.query(n)).jurisdiction;
    const rows = await listOpen311Requests(c.var.deps.db, { filter: { ids: [m[1].toUpperCase()], jurisdiction }, timeZone: c.var.deps.config.DISPLAY_TZ });
    // An anonymous, police or private item answers exactly like one that does not exist.
    if (!rows.length) return fail(c, format, 404, 'no such service request');
    return answer(c, format, 'service_requests', 'request', rows);
  });
});
