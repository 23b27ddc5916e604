// Routes: CSV import (upload → preview → confirm) and export/template downloads for grids, places and staff.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../app-env';
import type { ImportEntity } from '../../db/schema';
import { managedCommunity } from '../../domain/communities/managed-community';
import { confirmImport } from '../../domain/csv/confirm-import';
import { exportCsv } from '../../domain/csv/export-csv';
import { previewImport } from '../../domain/csv/preview-import';
import { IMPORT_SPECS, isImportEntity } from '../../domain/csv/specs';
import { attachmentHeader } from '../../domain/csv/stringify';
import { AppError, notFound, type Msg } from '../../domain/errors';
import type { ShownPassword } from '../../domain/staff/staff-csv';
import { ImportPage, PreviewPage, ResultPage } from '../../../views/pages/admin/import';
import { render, viewCtx } from '../render';
import { actor, idOf } from './shared';

export const importRoutes = new Hono<AppEnv>();
const COLUMNS = { grids: IMPORT_SPECS.grids.columns, places: IMPORT_SPECS.places.columns, staff: IMPORT_SPECS.staff.columns };

const entityOf = (raw: string | undefined): ImportEntity => {
  if (!raw || !isImportEntity(raw)) throw notFound();
  return raw;
};

async function importPage(c: Context<AppEnv>, cid: number, error?: { entity: ImportEntity; msg: Msg; status: number }) {
  const community = await managedCommunity(c.var.deps.db, c.var.staffScope, cid);
  return render(c, { title: c.var.t('adm.nav.import'), body: <ImportPage v={viewCtx(c)} community={community} columns={COLUMNS} error={error} />, status: error?.status });
}

importRoutes.get('/admin/c/:cid/import', (c) => importPage(c, idOf(c.req.param('cid'))));

importRoutes.post('/admin/import/:cid/:entity', async (c) => {
  const cid = idOf(c.req.param('cid'));
  const entity = entityOf(c.req.param('entity'));
  if (!/^multipart\/form-data/i.test(c.req.header('content-type') ?? '')) throw new AppError('unsupported_media_type', 'error.415');
  const body = await c.req.parseBody().catch(() => {
    throw new AppError('bad_request', 'error.400');
  });
  const file = body.file;
  if (!(file instanceof File) || file.size === 0) return importPage(c, cid, { entity, msg: { key: 'imp.noFile' }, status: 422 });
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const preview = await previewImport(c.var.deps.db, { ...actor(c), communityId: cid, entity, fileName: file.name, bytes });
    const community = await managedCommunity(c.var.deps.db, c.var.staffScope, cid);
    const page = <PreviewPage v={viewCtx(c)} community={community} preview={preview} columns={COLUMNS[entity]} />;
    return render(c, { title: c.var.t('imp.previewTitle', { entity: c.var.t(`imp.entity.${entity}`) }), body: page, status: preview.errors.length ? 422 : 200 });
  } catch (err) {
    // File-level problems (encoding, headers, too many rows) send people back to the upload form with the reason.
    if (err instanceof AppError && err.code === 'validation') return importPage(c, cid, { entity, msg: err.msg, status: 422 });
    throw err;
  }
});

importRoutes.post('/admin/import/batches/:bid/confirm', async (c) => {
  const r = await confirmImport(c.var.deps.db, { ...actor(c), batchId: idOf(c.req.param('bid')) });
  const community = await managedCommunity(c.var.deps.db, c.var.staffScope, r.communityId);
  const v = viewCtx(c);
  const body = r.ok ? (
    <ResultPage v={v} community={community} entity={r.entity} created={r.created} already={r.already} passwords={r.shown as ShownPassword[] | undefined} />
  ) : (
    <ResultPage v={v} community={community} entity={r.entity} created={0} already={false} errors={r.errors} />
  );
  // Staff results carry one-time passwords: never cache them anywhere.
  c.header('Cache-Control', 'no-store');
  return render(c, { title: c.var.t('imp.resultTitle'), body, status: r.ok ? 200 : 422 });
});

for (const kind of ['export', 'template'] as const) {
  importRoutes.get(`/admin/c/:cid/${kind}/:file`, async (c) => {
    const m = /^(grids|places|staff)\.csv$/.exec(c.req.param('file'));
    if (!m) throw notFound();
    const out = await exportCsv(c.var.deps.db, { ...actor(c), communityId: idOf(c.req.param('cid')), entity: entityOf(m[1]), template: kind === 'template' });
    return c.body(out.body, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': attachmentHeader(out.fileName),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
  });
}
