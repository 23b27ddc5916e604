// Routes: the place tree of a community — browse by level, filter, create (under a parent), edit, delete when unused.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../app-env';
import { managedCommunity } from '../../domain/communities/managed-community';
import { pageOf, searchText } from '../../domain/communities/paging';
import { AppError } from '../../domain/errors';
import { allGrids } from '../../domain/grids/list-grids';
import { inUse } from '../../domain/grids/managed-grid';
import { deletePlace } from '../../domain/places/delete-place';
import { listPlaces } from '../../domain/places/list-places';
import { managedPlace, placeFormValues, placeUsage } from '../../domain/places/managed-place';
import { PLACE_KINDS, type PlaceKind } from '../../domain/places/place-rules';
import { createPlace, updatePlace } from '../../domain/places/save-place';
import { CommunityTabs } from '../../../views/components/community-tabs';
import { ConfirmAction } from '../../../views/components/confirm';
import { PlaceFormPage } from '../../../views/pages/admin/place-form';
import { PlaceList, PlacesPage } from '../../../views/pages/admin/places';
import { formBody, redirectTo, render, tryForm, viewCtx } from '../render';
import { actor, idOf, noticeKey, query } from './shared';

export const placeRoutes = new Hono<AppEnv>();
const optionalId = (raw: string) => (/^\d{1,9}$/.test(raw) ? Number(raw) : null);
const CHILD_KIND: Partial<Record<PlaceKind, PlaceKind>> = { courtyard: 'building', building: 'unit' };

placeRoutes.get('/admin/c/:cid/places', async (c) => {
  const db = c.var.deps.db;
  const community = await managedCommunity(db, c.var.staffScope, idOf(c.req.param('cid')));
  const kind = query(c, 'kind');
  const filter = {
    parent: optionalId(query(c, 'parent')),
    q: searchText(query(c, 'q')),
    kind: (PLACE_KINDS as readonly string[]).includes(kind) ? (kind as PlaceKind) : ('' as const),
    grid: optionalId(query(c, 'grid')) ? query(c, 'grid') : '',
  };
  const [list, grids] = await Promise.all([
    listPlaces(db, community.id, { parentId: filter.parent, q: filter.q, kind: filter.kind, gridId: optionalId(filter.grid), page: pageOf(c.req.query('page')) }),
    allGrids(db, community.id),
  ]);
  const notice = noticeKey(c, { saved: 'adm.place.saved', deleted: 'adm.place.deleted' } as const);
  const v = viewCtx(c);
  return render(c, {
    title: c.var.t('adm.nav.places'),
    body: <PlacesPage v={v} community={community} list={list} filter={filter} grids={grids} notice={notice && c.var.t(notice)} />,
    partial: <PlaceList v={v} community={community} list={list} filter={filter} />,
  });
});

placeRoutes.get('/admin/c/:cid/places/new', async (c) => {
  const db = c.var.deps.db;
  const community = await managedCommunity(db, c.var.staffScope, idOf(c.req.param('cid')));
  const parentId = optionalId(query(c, 'parent'));
  const parent = parentId ? await managedPlace(db, c.var.staffScope, parentId) : null;
  if (parent && parent.community.id !== community.id) throw new AppError('not_found', 'error.404');
  const values: Record<string, string> = parent ? { parent: parent.place.key ?? '', kind: CHILD_KIND[parent.place.kind] ?? 'other', grid: (await placeFormValues(db, parent.place)).grid } : { kind: 'courtyard' };
  return render(c, { title: c.var.t('adm.place.new'), body: <PlaceFormPage v={viewCtx(c)} community={community} grids={await allGrids(db, community.id)} values={values} /> });
});

placeRoutes.post('/admin/c/:cid/places/new', async (c) => {
  const db = c.var.deps.db;
  const communityId = idOf(c.req.param('cid'));
  const form = await formBody(c);
  const r = await tryForm(c, () => createPlace(db, { ...actor(c), communityId, form }));
  if (r.ok) return redirectTo(c, `/admin/c/${communityId}/places${r.value.parentId ? `?parent=${r.value.parentId}&ok=saved` : '?ok=saved'}`);
  const community = await managedCommunity(db, c.var.staffScope, communityId);
  const body = <PlaceFormPage v={viewCtx(c)} community={community} grids={await allGrids(db, community.id)} values={form} fields={r.fields} formError={r.formError} />;
  return render(c, { title: c.var.t('adm.place.new'), body, status: r.status });
});

placeRoutes.get('/admin/places/:id', async (c) => {
  const db = c.var.deps.db;
  const { place, community } = await managedPlace(db, c.var.staffScope, idOf(c.req.param('id')));
  const body = <PlaceFormPage v={viewCtx(c)} community={community} place={place} grids={await allGrids(db, community.id)} values={await placeFormValues(db, place)} />;
  return render(c, { title: place.name, body });
});

placeRoutes.post('/admin/places/:id', async (c) => {
  const db = c.var.deps.db;
  const placeId = idOf(c.req.param('id'));
  const form = await formBody(c);
  const r = await tryForm(c, () => updatePlace(db, { ...actor(c), placeId, form }));
  const { place, community } = await managedPlace(db, c.var.staffScope, placeId);
  if (r.ok) return redirectTo(c, `/admin/c/${community.id}/places${place.parentId ? `?parent=${place.parentId}&ok=saved` : '?ok=saved'}`);
  const body = <PlaceFormPage v={viewCtx(c)} community={community} place={place} grids={await allGrids(db, community.id)} values={form} fields={r.fields} formError={r.formError} />;
  return render(c, { title: place.name, body, status: r.status });
});

async function deletePage(c: Context<AppEnv>, blocked?: AppError) {
  const { place, community } = await managedPlace(c.var.deps.db, c.var.staffScope, idOf(c.req.param('id')));
  const usage = await placeUsage(c.var.deps.db, place.id);
  const t = c.var.t;
  const reason = blocked?.msg ?? (inUse(usage) ? { key: 'place.err.inUse' as const, params: usage } : undefined);
  const body = (
    <>
      <CommunityTabs t={t} community={community} active="places" />
      <ConfirmAction t={t} title={t('adm.place.delete')} question={t('adm.place.deleteConfirm', { name: place.name })}
        action={`/admin/places/${place.id}/delete`} button={t('adm.place.delete')} cancelHref={`/admin/places/${place.id}`} blocked={reason} />
    </>
  );
  return render(c, { title: t('adm.place.delete'), body, status: blocked?.status ?? 200 });
}

placeRoutes.get('/admin/places/:id/delete', (c) => deletePage(c));

placeRoutes.post('/admin/places/:id/delete', async (c) => {
  try {
    const { place, community } = await deletePlace(c.var.deps.db, { ...actor(c), placeId: idOf(c.req.param('id')) });
    return redirectTo(c, `/admin/c/${community.id}/places${place.parentId ? `?parent=${place.parentId}&ok=deleted` : '?ok=deleted'}`);
  } catch (err) {
    if (err instanceof AppError && err.code === 'conflict') return deletePage(c, err);
    throw err;
  }
});
