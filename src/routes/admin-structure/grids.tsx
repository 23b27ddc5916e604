// Routes: grids of a community — list with filters, create, edit, delete (refused with the reason while in use).
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../app-env';
import { managedCommunity } from '../../domain/communities/managed-community';
import { pageOf, searchText } from '../../domain/communities/paging';
import { deleteGrid } from '../../domain/grids/delete-grid';
import { listGrids } from '../../domain/grids/list-grids';
import { gridUsage, inUse, managedGrid } from '../../domain/grids/managed-grid';
import { createGrid, updateGrid } from '../../domain/grids/save-grid';
import { AppError } from '../../domain/errors';
import { ConfirmAction } from '../../../views/components/confirm';
import { CommunityTabs } from '../../../views/components/community-tabs';
import { GridFormPage, GridList, GridsPage } from '../../../views/pages/admin/grids';
import { formBody, redirectTo, render, tryForm, viewCtx } from '../render';
import { actor, idOf, noticeKey, query } from './shared';

export const gridRoutes = new Hono<AppEnv>();

gridRoutes.get('/admin/c/:cid/grids', async (c) => {
  const community = await managedCommunity(c.var.deps.db, c.var.staffScope, idOf(c.req.param('cid')));
  const kind = query(c, 'kind');
  const filter = { q: searchText(query(c, 'q')), kind: kind === 'comprehensive' || kind === 'dedicated' ? (kind as 'comprehensive' | 'dedicated') : ('' as const) };
  const list = await listGrids(c.var.deps.db, community.id, { ...filter, page: pageOf(c.req.query('page')) });
  const notice = noticeKey(c, { saved: 'adm.grid.saved', deleted: 'adm.grid.deleted' } as const);
  const v = viewCtx(c);
  return render(c, {
    title: c.var.t('adm.nav.grids'),
    body: <GridsPage v={v} community={community} list={list} filter={filter} notice={notice && c.var.t(notice)} />,
    partial: <GridList v={v} community={community} list={list} filter={filter} />,
  });
});

gridRoutes.get('/admin/c/:cid/grids/new', async (c) => {
  const community = await managedCommunity(c.var.deps.db, c.var.staffScope, idOf(c.req.param('cid')));
  return render(c, { title: c.var.t('adm.grid.new'), body: <GridFormPage v={viewCtx(c)} community={community} values={{}} /> });
});

gridRoutes.post('/admin/c/:cid/grids/new', async (c) => {
  const communityId = idOf(c.req.param('cid'));
  const form = await formBody(c);
  const r = await tryForm(c, () => createGrid(c.var.deps.db, { ...actor(c), communityId, form }));
  if (r.ok) return redirectTo(c, `/admin/c/${communityId}/grids?ok=saved`);
  const community = await managedCommunity(c.var.deps.db, c.var.staffScope, communityId);
  const body = <GridFormPage v={viewCtx(c)} community={community} values={form} fields={r.fields} formError={r.formError} />;
  return render(c, { title: c.var.t('adm.grid.new'), body, status: r.status });
});

gridRoutes.get('/admin/grids/:id', async (c) => {
  const { grid, community } = await managedGrid(c.var.deps.db, c.var.staffScope, idOf(c.req.param('id')));
  const values = { code: grid.code, name: grid.name, kind: grid.kind, households: String(grid.households) };
  return render(c, { title: grid.name, body: <GridFormPage v={viewCtx(c)} community={community} grid={grid} values={values} /> });
});

gridRoutes.post('/admin/grids/:id', async (c) => {
  const gridId = idOf(c.req.param('id'));
  const form = await formBody(c);
  const r = await tryForm(c, () => updateGrid(c.var.deps.db, { ...actor(c), gridId, form }));
  const { grid, community } = await managedGrid(c.var.deps.db, c.var.staffScope, gridId);
  if (r.ok) return redirectTo(c, `/admin/c/${community.id}/grids?ok=saved`);
  const body = <GridFormPage v={viewCtx(c)} community={community} grid={grid} values={form} fields={r.fields} formError={r.formError} />;
  return render(c, { title: grid.name, body, status: r.status });
});

async function deletePage(c: Context<AppEnv>, blocked?: AppError) {
  const { grid, community } = await managedGrid(c.var.deps.db, c.var.staffScope, idOf(c.req.param('id')));
  const usage = await gridUsage(c.var.deps.db, grid.id);
  const t = c.var.t;
  const reason = blocked?.msg ?? (inUse(usage) ? { key: 'grid.err.inUse' as const, params: usage } : undefined);
  const body = (
    <>
      <CommunityTabs t={t} community={community} active="grids" />
      <ConfirmAction t={t} title={t('adm.grid.delete')} question={t('adm.grid.deleteConfirm', { name: grid.name, code: grid.code })}
        action={`/admin/grids/${grid.id}/delete`} button={t('adm.grid.delete')} cancelHref={`/admin/grids/${grid.id}`} blocked={reason} />
    </>
  );
  return render(c, { title: t('adm.grid.delete'), body, status: blocked?.status ?? 200 });
}

gridRoutes.get('/admin/grids/:id/delete', (c) => deletePage(c));

gridRoutes.post('/admin/grids/:id/delete', async (c) => {
  try {
    const { community } = await deleteGrid(c.var.deps.db, { ...actor(c), gridId: idOf(c.req.param('id')) });
    return redirectTo(c, `/admin/c/${community.id}/grids?ok=deleted`);
  } catch (err) {
    if (err instanceof AppError && err.code === 'conflict') return deletePage(c, err);
    throw err;
  }
});
