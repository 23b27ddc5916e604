// /staff/wishes: offers on wishes in the staff member's scope; accept one helper, decline, confirm fulfilment. Out of scope → 404.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env';
import { pageOf } from '../domain/communities/paging';
import type { Msg } from '../domain/errors';
import { acceptOffer } from '../domain/wishes/accept-offer';
import { confirmFulfilment } from '../domain/wishes/confirm-fulfilment';
import { declineOffer } from '../domain/wishes/decline-offer';
import { listWishOffers, offerFilterOf } from '../domain/wishes/list-wish-offers';
import { offerForStaff, WISH_STAFF_ROLES } from '../domain/wishes/staff-offer';
import { clientIp } from '../middleware/client-ip';
import { requireStaff } from '../middleware/require-role';
import { ConfirmFulfilmentPage, FulfilmentDonePage } from '../../views/pages/staff/wishes-confirm';
import { StaffWishesPage } from '../../views/pages/staff/wishes';
import { redirectTo, render, tryForm, viewCtx } from './render';

export const staffWishesRoutes = new Hono<AppEnv>();
staffWishesRoutes.use('/staff/wishes', requireStaff(WISH_STAFF_ROLES));
staffWishesRoutes.use('/staff/wishes/*', requireStaff(WISH_STAFF_ROLES));

const NOTICES = { accepted: 'staffWish.accepted', declined: 'staffWish.declined' } as const;

async function listPage(c: Context<AppEnv>, opts: { error?: Msg; status?: number } = {}) {
  const filter = offerFilterOf(c.req.query('status'));
  const result = await listWishOffers(c.var.deps.db, c.var.staffScope, { filter, page: pageOf(c.req.query('page')) });
  const done = c.req.query('done') as keyof typeof NOTICES | undefined;
  const notice = !opts.error && done && NOTICES[done] ? c.var.t(NOTICES[done]) : undefined;
  const body = <StaffWishesPage v={viewCtx(c)} data={{ filter, result }} notice={notice} error={opts.error} />;
  return render(c, { title: c.var.t('staffWish.title'), body, status: opts.status });
}

staffWishesRoutes.get('/staff/wishes', (c) => listPage(c));

const actor = (c: Context<AppEnv>) => ({ rawOfferId: c.req.param('id')!, actorUserId: c.var.user!.id, ip: clientIp(c) });

// A refused action (e.g. a second helper for the same wish → 409) shows the list again with the reason on top.
staffWishesRoutes.post('/staff/wishes/offers/:id/accept', async (c) => {
  const res = await tryForm(c, () => acceptOffer(c.var.deps.db, c.var.staffScope, actor(c)));
  if (res.ok) return redirectTo(c, '/staff/wishes?done=accepted');
  return listPage(c, { error: res.formError, status: res.status });
});

staffWishesRoutes.post('/staff/wishes/offers/:id/decline', async (c) => {
  const res = await tryForm(c, () => declineOffer(c.var.deps.db, c.var.staffScope, actor(c)));
  if (res.ok) return redirectTo(c, '/staff/wishes?done=declined');
  return listPage(c, { error: res.formError, status: res.status });
});

staffWishesRoutes.get('/staff/wishes/offers/:id/confirm', async (c) => {
  const { offer, wish, helperName } = await offerForStaff(c.var.deps.db, c.var.staffScope, c.req.param('id'));
  const body = <ConfirmFulfilmentPage v={viewCtx(c)} offerId={offer.id} offerStatus={offer.status} helperName={helperName} description={wish.description} />;
  return render(c, { title: c.var.t('staffWish.confirm.title'), body });
});

// Rendered, not redirected: the page must say whether points were credited, which only this request knows.
staffWishesRoutes.post('/staff/wishes/offers/:id/confirm', async (c) => {
  const res = await tryForm(c, () => confirmFulfilment(c.var.deps.db, c.var.staffScope, actor(c)));
  if (!res.ok) return listPage(c, { error: res.formError, status: res.status });
  const body = <FulfilmentDonePage v={viewCtx(c)} trackingNo={res.value.trackingNo} credited={res.value.credited} />;
  return render(c, { title: c.var.t('staffWish.confirm.title'), body });
});
