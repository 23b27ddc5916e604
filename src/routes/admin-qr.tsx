// Community-admin QR pages: list/filter, create, detail, disable and replace (each confirmed), poster and sheet downloads.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env';
import { notFound } from '../domain/errors';
import { createQrCode } from '../domain/qr/create-qr-code';
import { disableQrCode } from '../domain/qr/disable-qr-code';
import { normalizeCode } from '../domain/qr/generate-code';
import { getQrCodeDetail } from '../domain/qr/get-qr-code-detail';
import { listPosterCodes } from '../domain/qr/list-poster-codes';
import { listQrCodes, parseQrFilter } from '../domain/qr/list-qr-codes';
import { listQrPlaces } from '../domain/qr/list-qr-places';
import { managedQrCode } from '../domain/qr/managed-qr-code';
import { qrCommunities } from '../domain/qr/qr-communities';
import { parseQrInput } from '../domain/qr/qr-input';
import { renderPosterPdf, renderPosterPng } from '../domain/qr/render-poster';
import { renderSheetPdf } from '../domain/qr/render-sheet';
import { replaceQrCode } from '../domain/qr/replace-qr-code';
import { qrScanCache } from '../domain/qr/scan-cache';
import { adminCommunities } from '../domain/staff/list-staff';
import { clientIp } from '../middleware/client-ip';
import { requireStaff } from '../middleware/require-role';
import { QrConfirmPage, QrDetailPage } from '../../views/pages/admin/qr/detail';
import { NewQrPage } from '../../views/pages/admin/qr/form';
import { QrListPage } from '../../views/pages/admin/qr/list';
import { formBody, redirectTo, render, tryForm, viewCtx } from './render';

export const adminQrRoutes = new Hono<AppEnv>();
adminQrRoutes.use('/admin/qr', requireStaff(['community_admin']));
adminQrRoutes.use('/admin/qr/*', requireStaff(['community_admin']));

const ID = ':id{[0-9]+}';
const idOf = (c: Context<AppEnv>) => Number(c.req.param('id'));

/** The community named in ?community=, which must be one the admin manages (else 404); default: their first. */
function communityOf(c: Context<AppEnv>): number {
  const ids = adminCommunities(c.var.staffScope);
  const raw = c.req.query('community');
  const id = raw === undefined ? ids[0] : /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!ids.includes(id)) throw notFound();
  return id;
}

const file = (c: Context<AppEnv>, body: Buffer, type: string, name: string) =>
  c.body(new Uint8Array(body), 200, { 'Content-Type': type, 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'private, no-store' });

adminQrRoutes.get('/admin/qr', async (c) => {
  const { db, config } = c.var.deps;
  const filter = parseQrFilter(c.req.query(), communityOf(c));
  const [communities, result] = await Promise.all([
    qrCommunities(db, c.var.staffScope),
    listQrCodes(db, c.var.staffScope, filter, { timeZone: config.DISPLAY_TZ }),
  ]);
  return render(c, { title: c.var.t('qr.admin.title'), body: <QrListPage v={viewCtx(c)} communities={communities} filter={filter} result={result} /> });
});

adminQrRoutes.get('/admin/qr/new', async (c) => {
  const communityId = communityOf(c);
  const places = await listQrPlaces(c.var.deps.db, communityId);
  return render(c, { title: c.var.t('qr.admin.new'), body: <NewQrPage v={viewCtx(c)} communityId={communityId} places={places} /> });
});

adminQrRoutes.post('/admin/qr', async (c) => {
  const communityId = communityOf(c);
  const form = await formBody(c);
  const res = await tryForm(c, () =>
    createQrCode(c.var.deps.db, { ...parseQrInput(form), communityId, actorId: c.var.user!.id, scope: c.var.staffScope, ip: clientIp(c) }),
  );
  if (res.ok) {
    await qrScanCache(c.var.deps).invalidate([res.value.code]);
    return redirectTo(c, `/admin/qr/${res.value.id}?done=created`);
  }
  const places = await listQrPlaces(c.var.deps.db, communityId);
  const body = <NewQrPage v={viewCtx(c)} communityId={communityId} places={places} values={form} errors={res.fields} formError={res.formError} />;
  return render(c, { title: c.var.t('qr.admin.new'), body, status: res.status });
});

adminQrRoutes.get(`/admin/qr/${ID}`, async (c) => {
  const t = c.var.t;
  const qr = await getQrCodeDetail(c.var.deps.db, c.var.staffScope, idOf(c), { timeZone: c.var.deps.config.DISPLAY_TZ });
  const done = c.req.query('done');
  const notice =
    done === 'created' ? t('qr.admin.created', { code: qr.code })
    : done === 'disabled' ? t('qr.admin.disabledDone', { code: qr.code })
    : done === 'replaced' ? t('qr.admin.replacedDone', { old: normalizeCode(c.req.query('from')) ?? '', new: qr.code })
    : undefined;
  return render(c, { title: qr.label, body: <QrDetailPage v={viewCtx(c)} qr={qr} notice={notice} /> });
});

for (const action of ['disable', 'replace'] as const) {
  adminQrRoutes.get(`/admin/qr/${ID}/${action}`, async (c) => {
    const qr = await managedQrCode(c.var.deps.db, c.var.staffScope, idOf(c));
    return render(c, { title: c.var.t(`qr.admin.${action}`), body: <QrConfirmPage v={viewCtx(c)} qr={qr} action={action} /> });
  });
}

adminQrRoutes.post(`/admin/qr/${ID}/disable`, async (c) => {
  const done = await disableQrCode(c.var.deps.db, { actorId: c.var.user!.id, scope: c.var.staffScope, id: idOf(c), ip: clientIp(c) });
  await qrScanCache(c.var.deps).invalidate(done.invalidate);
  return redirectTo(c, `/admin/qr/${idOf(c)}?done=disabled`);
});

adminQrRoutes.post(`/admin/qr/${ID}/replace`, async (c) => {
  const done = await replaceQrCode(c.var.deps.db, { actorId: c.var.user!.id, scope: c.var.staffScope, id: idOf(c), ip: clientIp(c) });
  await qrScanCache(c.var.deps).invalidate(done.invalidate);
  return redirectTo(c, `/admin/qr/${done.newId}?done=replaced&from=${done.oldCode}`);
});

/** Posters exist for active codes only: a disabled or replaced code's poster would lead nowhere. */
async function posterOf(c: Context<AppEnv>) {
  const qr = await managedQrCode(c.var.deps.db, c.var.staffScope, idOf(c));
  const [poster] = await listPosterCodes(c.var.deps.db, { baseUrl: c.var.deps.config.BASE_URL, ids: [qr.id] });
  if (!poster) throw notFound();
  return poster;
}

adminQrRoutes.get(`/admin/qr/${ID}/poster.pdf`, async (c) => {
  const p = await posterOf(c);
  return file(c, await renderPosterPdf([p], p.label), 'application/pdf', `poster-${p.code}.pdf`);
});

adminQrRoutes.get(`/admin/qr/${ID}/poster.png`, async (c) => {
  const p = await posterOf(c);
  return file(c, await renderPosterPng(p), 'image/png', `poster-${p.code}.png`);
});

adminQrRoutes.get('/admin/qr/posters.pdf', async (c) => {
  const communityId = communityOf(c);
  const items = await listPosterCodes(c.var.deps.db, { baseUrl: c.var.deps.config.BASE_URL, communityId });
  if (!items.length) throw notFound();
  return file(c, await renderPosterPdf(items), 'application/pdf', `posters-${items[0].communityCode}.pdf`);
});

adminQrRoutes.get('/admin/qr/sheet.pdf', async (c) => {
  const communityId = communityOf(c);
  const per = c.req.query('per') === '8' ? 8 : 4;
  const items = await listPosterCodes(c.var.deps.db, { baseUrl: c.var.deps.config.BASE_URL, communityId });
  if (!items.length) throw notFound();
  return file(c, await renderSheetPdf(items, per), 'application/pdf', `sheet-${per}-${items[0].communityCode}.pdf`);
});
