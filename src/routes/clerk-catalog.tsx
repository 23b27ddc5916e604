// 兑换品管理 for clerks and admins (/clerk/catalog…): items, stock and seat changes, sessions, withdraw/offer again;
// and the items' photos for everyone (/reward-photos/:id).
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env';
import { AppError } from '../domain/errors';
import { addSession } from '../domain/rewards/catalog/add-session';
import { changeStock } from '../domain/rewards/catalog/change-stock';
import { itemPhotoKey, loadItemPhoto, storeItemPhoto } from '../domain/rewards/catalog/item-photo';
import { getCatalogItem, listCatalogItems } from '../domain/rewards/catalog/list-catalog-admin';
import { saveItem } from '../domain/rewards/catalog/save-item';
import { setItemActive } from '../domain/rewards/catalog/set-item-active';
import { COUNTER_ROLES, counterCommunity } from '../domain/rewards/counter-access';
import { localClock } from '../domain/points/clock';
import { requireStaff } from '../middleware/require-role';
import { ConfirmAction } from '../../views/components/confirm';
import { CatalogListPage, ItemAdminPage, ItemFormPage } from '../../views/pages/clerk/catalog';
import { formBody, redirectTo, render, tryForm, viewCtx, type FormFailure } from './render';

export const clerkCatalogRoutes = new Hono<AppEnv>();

clerkCatalogRoutes.get('/reward-photos/:id', async (c) => {
  const key = await itemPhotoKey(c.var.deps.db, c.req.param('id'));
  const bytes = await loadItemPhoto(c.var.deps.photos, key);
  if (!bytes) throw new AppError('not_found', 'error.404');
  return c.body(new Uint8Array(bytes), 200, { 'Content-Type': 'image/jpeg', 'Cache-Control': 'public, max-age=3600', 'X-Content-Type-Options': 'nosniff' });
});

clerkCatalogRoutes.use('/clerk/catalog', requireStaff(COUNTER_ROLES));
clerkCatalogRoutes.use('/clerk/catalog/*', requireStaff(COUNTER_ROLES));

const ctx = (c: Context<AppEnv>) => ({ community: counterCommunity(c.var.staffScope, c.req.query('community')), actorUserId: c.var.user!.id });
const back = (c: Context<AppEnv>, id: number, done: string) => redirectTo(c, `/clerk/catalog/${id}?community=${ctx(c).community.id}&done=${done}`);
const dateValue = (c: Context<AppEnv>, d: Date | null) => (d ? localClock(d, c.var.deps.config.DISPLAY_TZ).day : '');

/** The form and its photo: the photo goes through the photo pipeline before the item is written. */
async function itemForm(c: Context<AppEnv>): Promise<{ form: Record<string, string>; photoKey: string | null }> {
  const form = await formBody(c);
  const body = await c.req.parseBody();
  const file = body.photo;
  const photoKey = file instanceof File && file.size > 0 ? await storeItemPhoto(c.var.deps.photos, new Uint8Array(await file.arrayBuffer())) : null;
  return { form, photoKey };
}

clerkCatalogRoutes.get('/clerk/catalog', async (c) => {
  const { community } = ctx(c);
  const items = await listCatalogItems(c.var.deps.db, community.id);
  const notice = c.req.query('done') === 'deactivated' ? c.var.t('catalog.saved') : undefined;
  return render(c, { title: c.var.t('catalog.title'), body: <CatalogListPage v={viewCtx(c)} communityId={community.id} items={items} notice={notice} /> });
});

clerkCatalogRoutes.get('/clerk/catalog/new', (c) => {
  const kind = c.req.query('kind') === 'course' ? 'course' : 'goods';
  return render(c, { title: c.var.t('catalog.new'), body: <ItemFormPage v={viewCtx(c)} communityId={ctx(c).community.id} kind={kind} values={{}} /> });
});

const formFailed = (c: Context<AppEnv>, kind: 'goods' | 'course', values: Record<string, string>, res: FormFailure, item?: Awaited<ReturnType<typeof getCatalogItem>>['item']) =>
  render(c, { title: c.var.t('catalog.new'), body: <ItemFormPage v={viewCtx(c)} communityId={ctx(c).community.id} kind={kind} item={item} values={values} errors={res.fields} formError={res.formError} />, status: res.status });

clerkCatalogRoutes.post('/clerk/catalog', async (c) => {
  const { community, actorUserId } = ctx(c);
  const { form, photoKey } = await itemForm(c);
  const res = await tryForm(c, () => saveItem(c.var.deps.db, { communityId: community.id, actorUserId, form, photoKey, timeZone: c.var.deps.config.DISPLAY_TZ }));
  if (res.ok) return back(c, res.value.id, 'saved');
  return formFailed(c, form.kind === 'course' ? 'course' : 'goods', form, res);
});

async function itemPage(c: Context<AppEnv>, extra: Partial<Parameters<typeof ItemAdminPage>[0]> = {}, status = 200) {
  const { community } = ctx(c);
  const page = await getCatalogItem(c.var.deps.db, community.id, c.req.param('id'));
  const notice = c.req.query('done') ? c.var.t('catalog.saved') : undefined;
  return render(c, { title: page.item.name, body: <ItemAdminPage v={viewCtx(c)} communityId={community.id} page={page} notice={notice} {...extra} />, status });
}

clerkCatalogRoutes.get('/clerk/catalog/:id', (c) => itemPage(c));

clerkCatalogRoutes.get('/clerk/catalog/:id/edit', async (c) => {
  const { community } = ctx(c);
  const { item } = await getCatalogItem(c.var.deps.db, community.id, c.req.param('id'));
  const values = {
    name: item.name, description: item.description, price: String(item.price), monthlyLimit: item.monthlyLimit ? String(item.monthlyLimit) : '', pickup: item.pickup,
    activeFrom: dateValue(c, item.activeFrom), activeTo: dateValue(c, item.activeTo),
  };
  return render(c, { title: c.var.t('catalog.edit'), body: <ItemFormPage v={viewCtx(c)} communityId={community.id} kind={item.kind} item={item} values={values} /> });
});

clerkCatalogRoutes.post('/clerk/catalog/:id', async (c) => {
  const { community, actorUserId } = ctx(c);
  const { item } = await getCatalogItem(c.var.deps.db, community.id, c.req.param('id'));
  const { form, photoKey } = await itemForm(c);
  const res = await tryForm(c, () => saveItem(c.var.deps.db, { communityId: community.id, actorUserId, itemId: item.id, form, photoKey, timeZone: c.var.deps.config.DISPLAY_TZ }));
  if (res.ok) return back(c, item.id, 'saved');
  return formFailed(c, item.kind, form, res, item);
});

clerkCatalogRoutes.post('/clerk/catalog/:id/stock', async (c) => {
  const { community, actorUserId } = ctx(c);
  const form = await formBody(c);
  const res = await tryForm(c, () => changeStock(c.var.deps.db, { communityId: community.id, actorUserId, itemId: c.req.param('id'), form }));
  if (res.ok) return back(c, Number(c.req.param('id')), 'stock');
  return itemPage(c, { stock: { values: form, errors: res.fields } }, res.status);
});

clerkCatalogRoutes.post('/clerk/catalog/:id/sessions/:sid/seats', async (c) => {
  const { community, actorUserId } = ctx(c);
  const form = await formBody(c);
  const res = await tryForm(c, () => changeStock(c.var.deps.db, { communityId: community.id, actorUserId, itemId: c.req.param('id'), sessionId: c.req.param('sid'), form }));
  if (res.ok) return back(c, Number(c.req.param('id')), 'seats');
  return itemPage(c, { stock: { sessionId: Number(c.req.param('sid')), values: form, errors: res.fields } }, res.status);
});

clerkCatalogRoutes.post('/clerk/catalog/:id/sessions', async (c) => {
  const { community, actorUserId } = ctx(c);
  const form = await formBody(c);
  const res = await tryForm(c, () => addSession(c.var.deps.db, { communityId: community.id, actorUserId, itemId: c.req.param('id'), form, timeZone: c.var.deps.config.DISPLAY_TZ }));
  if (res.ok) return back(c, Number(c.req.param('id')), 'session');
  return itemPage(c, { session: { values: form, errors: res.fields } }, res.status);
});

clerkCatalogRoutes.get('/clerk/catalog/:id/deactivate', async (c) => {
  const { community } = ctx(c);
  const { item } = await getCatalogItem(c.var.deps.db, community.id, c.req.param('id'));
  const t = c.var.t;
  const body = (
    <ConfirmAction t={t} title={t('catalog.deactivate')} question={t('catalog.deactivateQuestion', { name: item.name })}
      action={`/clerk/catalog/${item.id}/deactivate?community=${community.id}`} button={t('catalog.deactivate')} cancelHref={`/clerk/catalog/${item.id}?community=${community.id}`} />
  );
  return render(c, { title: t('catalog.deactivate'), body });
});

for (const [path, active] of [['deactivate', false], ['activate', true]] as const) {
  clerkCatalogRoutes.post(`/clerk/catalog/:id/${path}`, async (c) => {
    const { community, actorUserId } = ctx(c);
    await formBody(c);
    const item = await setItemActive(c.var.deps.db, { communityId: community.id, actorUserId, itemId: c.req.param('id'), active });
    return back(c, item.id, path);
  });
}
