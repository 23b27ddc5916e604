// The 积分超市 counter (/clerk), for the community's clerks and admins: look up a typed or scanned voucher, hand it over,
// and the counter's home. The camera scanner's files (our script, the barcode-detector polyfill and its ZXing wasm)
// are served from here, self-hosted, and only this page refers to them.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env';
import { AppError, type Msg } from '../domain/errors';
import { clerkHome } from '../domain/rewards/clerk-home';
import { ATTENDANCE_ROLES, COUNTER_ROLES, counterCommunity } from '../domain/rewards/counter-access';
import { listAttendance } from '../domain/rewards/list-attendance';
import { AttendancePage } from '../../views/pages/clerk/attendance';
import { handOver } from '../domain/rewards/hand-over';
import { lookUpVoucher, type CounterVoucher } from '../domain/rewards/look-up-voucher';
import { requireStaff } from '../middleware/require-role';
import { CounterPage } from '../../views/pages/clerk/counter';
import type { FieldErrors } from '../../views/components/field';
import { formBody, redirectTo, render, viewCtx } from './render';

// Neither package exports its package.json or every file: find them under node_modules from the entry point.
const require = createRequire(import.meta.url);
function packageDir(name: string): string {
  let dir = path.dirname(require.resolve(name));
  while (path.basename(dir) !== name && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
const POLYFILL_DIR = packageDir('barcode-detector');
const ZXING_DIR = packageDir('zxing-wasm');
const versionOf = (dir: string): string => JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
const POLYFILL_VERSION = versionOf(POLYFILL_DIR);
const ZXING_VERSION = versionOf(ZXING_DIR);
const script = readFileSync(new URL('../../public/js/clerk-scan.js', import.meta.url));
export const SCAN_ASSETS = {
  script: `/clerk/static/clerk-scan.${createHash('sha256').update(script).digest('hex').slice(0, 10)}.js`,
  polyfill: `/clerk/static/barcode-detector-${POLYFILL_VERSION}.js`,
  wasm: `/clerk/static/zxing_reader-${ZXING_VERSION}.wasm`,
};
const immutable = { 'Cache-Control': 'public, max-age=31536000, immutable' };
// Read on first use: the polyfill and the 1 MB wasm are needed only when a clerk's browser lacks BarcodeDetector.
let polyfill: Buffer<ArrayBuffer> | undefined;
let wasm: Buffer<ArrayBuffer> | undefined;

export const clerkRoutes = new Hono<AppEnv>();

clerkRoutes.get(SCAN_ASSETS.script, (c) => c.body(script, 200, { ...immutable, 'Content-Type': 'text/javascript; charset=utf-8' }));
clerkRoutes.get(SCAN_ASSETS.polyfill, (c) => {
  polyfill ??= readFileSync(path.join(POLYFILL_DIR, 'dist/iife/ponyfill.js')) as Buffer<ArrayBuffer>;
  return c.body(polyfill, 200, { ...immutable, 'Content-Type': 'text/javascript; charset=utf-8' });
});
clerkRoutes.get(SCAN_ASSETS.wasm, (c) => {
  wasm ??= readFileSync(path.join(ZXING_DIR, 'dist/reader/zxing_reader.wasm')) as Buffer<ArrayBuffer>;
  return c.body(wasm, 200, { ...immutable, 'Content-Type': 'application/wasm' });
});

clerkRoutes.use('/clerk', requireStaff(COUNTER_ROLES));
clerkRoutes.use('/clerk/vouchers/*', requireStaff(COUNTER_ROLES));

async function counter(c: Context<AppEnv>, extra: { code?: string; errors?: FieldErrors; voucher?: CounterVoucher; voucherError?: Msg; notice?: string; status?: number } = {}) {
  const community = counterCommunity(c.var.staffScope, c.req.query('community'));
  const home = await clerkHome(c.var.deps.db, { communityId: community.id, timeZone: c.var.deps.config.DISPLAY_TZ });
  const { status, ...rest } = extra;
  return render(c, { title: c.var.t('clerk.title'), body: <CounterPage v={viewCtx(c)} community={community} home={home} scan={SCAN_ASSETS} {...rest} />, status });
}

clerkRoutes.get('/clerk', async (c) => {
  const code = c.req.query('code');
  const done = c.req.query('done');
  const notice = done === '1' ? c.var.t('clerk.handedOver', { item: c.req.query('item')?.slice(0, 40) ?? '', resident: c.req.query('who')?.slice(0, 20) ?? '' }) : undefined;
  if (code === undefined) return counter(c, { notice });
  try {
    const voucher = await lookUpVoucher(c.var.deps.db, { scope: c.var.staffScope, code });
    return counter(c, { code, voucher });
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500) throw err;
    return counter(c, { code: code.slice(0, 40), errors: Object.keys(err.fields).length ? err.fields : { code: err.msg }, status: err.status });
  }
});

clerkRoutes.post('/clerk/vouchers/:id/hand-over', async (c) => {
  await formBody(c);
  const id = Number(c.req.param('id'));
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('not_found', 'rewards.err.voucherNotFound');
  try {
    const v = await handOver(c.var.deps.db, { actorUserId: c.var.user!.id, scope: c.var.staffScope, voucherId: id, timeZone: c.var.deps.config.DISPLAY_TZ });
    const x = await lookUpVoucher(c.var.deps.db, { scope: c.var.staffScope, voucherId: v.id });
    const q = new URLSearchParams({ done: '1', item: x.itemName, who: x.resident, community: String(v.communityId) });
    return redirectTo(c, `/clerk?${q}`);
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500 || err.code === 'not_found') throw err;
    // Already handed over, expired…: show the voucher again with why.
    const voucher = await lookUpVoucher(c.var.deps.db, { scope: c.var.staffScope, voucherId: id });
    return counter(c, { voucher, voucherError: err.msg, status: err.status });
  }
});

// Course attendance: clerks, admins and organisers tick the list; the hold is posted at the resident's session.
clerkRoutes.use('/clerk/sessions/*', requireStaff(ATTENDANCE_ROLES));

clerkRoutes.get('/clerk/sessions/:id', async (c) => {
  const list = await listAttendance(c.var.deps.db, { scope: c.var.staffScope, sessionId: c.req.param('id') });
  const notice = c.req.query('done') ? c.var.t('attend.attended') : undefined;
  return render(c, { title: c.var.t('attend.title'), body: <AttendancePage v={viewCtx(c)} list={list} notice={notice} /> });
});

clerkRoutes.post('/clerk/sessions/:id/attend/:voucherId', async (c) => {
  await formBody(c);
  const list = await listAttendance(c.var.deps.db, { scope: c.var.staffScope, sessionId: c.req.param('id') });
  const row = list.rows.find((r) => String(r.voucherId) === c.req.param('voucherId'));
  if (!row) throw new AppError('not_found', 'rewards.err.voucherNotFound');
  try {
    await handOver(c.var.deps.db, { actorUserId: c.var.user!.id, scope: c.var.staffScope, voucherId: row.voucherId, timeZone: c.var.deps.config.DISPLAY_TZ });
    return redirectTo(c, `/clerk/sessions/${list.session.id}?done=1`);
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500 || err.code === 'not_found') throw err;
    const fresh = await listAttendance(c.var.deps.db, { scope: c.var.staffScope, sessionId: c.req.param('id') });
    return render(c, { title: c.var.t('attend.title'), body: <AttendancePage v={viewCtx(c)} list={fresh} error={err.msg} />, status: err.status });
  }
});
