// 心愿墙: anyone may browse a community's public wishes; a signed-in resident offers to help with one.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env';
import { pageOf } from '../domain/communities/paging';
import { AppError } from '../domain/errors';
import { getPublicWish } from '../domain/wishes/get-public-wish';
import { listPublicWishes } from '../domain/wishes/list-public-wishes';
import { offerToFulfil } from '../domain/wishes/offer-to-fulfil';
import { wallCommunity } from '../domain/wishes/wall-community';
import { requireUser } from '../middleware/require-role';
import { OfferPage } from '../../views/pages/wishes/offer';
import { WishWallPage } from '../../views/pages/wishes/wall';
import { formBody, redirectTo, render, tryForm, viewCtx } from './render';

export const wishesRoutes = new Hono<AppEnv>();

const viewer = (c: Context<AppEnv>) => c.var.user?.id ?? null;

wishesRoutes.get('/wishes', async (c) => {
  const db = c.var.deps.db;
  const place = await wallCommunity(db, { requested: c.req.query('c'), userId: viewer(c) });
  const data = place && { ...place, result: await listPublicWishes(db, { communityId: place.current.id, page: pageOf(c.req.query('page')), viewerUserId: viewer(c) }) };
  const notice = c.req.query('offered') === '1' ? c.var.t('wish.offer.done') : undefined;
  return render(c, { title: c.var.t('wish.title'), body: <WishWallPage v={viewCtx(c)} data={data} notice={notice} /> });
});

wishesRoutes.use('/wishes/:id/offer', requireUser);

wishesRoutes.get('/wishes/:id/offer', async (c) => {
  const wish = await getPublicWish(c.var.deps.db, c.req.param('id'), viewer(c));
  return render(c, { title: c.var.t('wish.offer.title'), body: <OfferPage v={viewCtx(c)} wish={wish} /> });
});

wishesRoutes.post('/wishes/:id/offer', async (c) => {
  const form = await formBody(c);
  const rawWishId = c.req.param('id');
  const res = await tryForm(c, async () => {
    if (c.var.user!.kind !== 'resident') throw new AppError('forbidden', 'wish.offer.staffOnly');
    return offerToFulfil(c.var.deps.db, { rawWishId, helperUserId: c.var.user!.id, note: form.note });
  });
  if (res.ok) {
    const wish = await getPublicWish(c.var.deps.db, rawWishId, viewer(c));
    return redirectTo(c, `/wishes?c=${wish.communityId}&offered=1`);
  }
  const wish = await getPublicWish(c.var.deps.db, rawWishId, viewer(c));
  return render(c, {
    title: c.var.t('wish.offer.title'),
    body: <OfferPage v={viewCtx(c)} wish={wish} note={form.note} errors={res.fields} formError={res.formError} />,
    status: res.status,
  });
});
