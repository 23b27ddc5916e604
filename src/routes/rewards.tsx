// 积分超市 for residents: the catalog, the confirmation page, redeeming, 我的兑换, one voucher and cancelling it.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env';
import { AppError } from '../domain/errors';
import { cancelVoucher } from '../domain/rewards/cancel-voucher';
import { listCatalog } from '../domain/rewards/list-catalog';
import { getMyVoucher, listMyVouchers } from '../domain/rewards/my-vouchers';
import { redeem } from '../domain/rewards/redeem';
import { redeemPreview } from '../domain/rewards/redeem-preview';
import { notPendingKey } from '../domain/rewards/settle-voucher';
import { residentCommunity } from '../domain/rewards/resident-community';
import { requireUser } from '../middleware/require-role';
import { ConfirmAction } from '../../views/components/confirm';
import { CatalogPage } from '../../views/pages/rewards/catalog';
import { ConfirmRedeemPage } from '../../views/pages/rewards/confirm';
import { MyVouchersPage, VoucherPage } from '../../views/pages/rewards/voucher';
import { formBody, redirectTo, render, tryForm, viewCtx } from './render';

export const rewardsRoutes = new Hono<AppEnv>();

/** Redeeming is for residents: staff see the catalog but get a clear 403 on the resident-only steps. */
const residentOnly = async (c: Context<AppEnv>) => {
  const user = c.var.user!;
  if (user.kind !== 'resident') throw new AppError('forbidden', 'error.403');
  const community = await residentCommunity(c.var.deps.db, user.id);
  if (!community) throw new AppError('not_found', 'rewards.err.itemNotFound');
  return { user, community };
};

rewardsRoutes.get('/rewards', async (c) => {
  const user = c.var.user;
  const resident = user?.kind === 'resident' ? user : null;
  const community = await residentCommunity(c.var.deps.db, resident?.id ?? null);
  const catalog = community ? await listCatalog(c.var.deps.db, { communityId: community.id, userId: resident?.id ?? null }) : { balance: null, affordable: [], others: [] };
  return render(c, { title: c.var.t('rewards.title'), body: <CatalogPage v={viewCtx(c)} catalog={catalog} communityName={community?.name ?? ''} /> });
});

rewardsRoutes.use('/rewards/:id', requireUser);
rewardsRoutes.use('/rewards/:id/*', requireUser);

const preview = async (c: Context<AppEnv>, sessionId: unknown) => {
  const { user, community } = await residentOnly(c);
  return redeemPreview(c.var.deps.db, { communityId: community.id, userId: user.id, itemId: c.req.param('id'), sessionId, validDays: c.var.deps.config.VOUCHER_VALID_DAYS });
};

rewardsRoutes.get('/rewards/:id', async (c) => {
  const p = await preview(c, c.req.query('session'));
  return render(c, { title: c.var.t('rewards.confirm.title'), body: <ConfirmRedeemPage v={viewCtx(c)} p={p} /> });
});

rewardsRoutes.post('/rewards/:id/redeem', async (c) => {
  const form = await formBody(c);
  const { user, community } = await residentOnly(c);
  const { config } = c.var.deps;
  const res = await tryForm(c, () =>
    redeem(c.var.deps.db, {
      communityId: community.id, userId: user.id, itemId: c.req.param('id'), sessionId: form.session, requestKey: form.key,
      validDays: config.VOUCHER_VALID_DAYS, timeZone: config.DISPLAY_TZ,
    }),
  );
  if (res.ok) return redirectTo(c, `/me/vouchers/${res.value.voucherId}?done=redeemed`);
  const p = await preview(c, form.session);
  const error = res.formError ?? Object.values(res.fields)[0];
  return render(c, { title: c.var.t('rewards.confirm.title'), body: <ConfirmRedeemPage v={viewCtx(c)} p={p} error={error} />, status: res.status });
});

rewardsRoutes.use('/me/vouchers', requireUser);
rewardsRoutes.use('/me/vouchers/*', requireUser);

rewardsRoutes.get('/me/vouchers', async (c) => {
  const rows = await listMyVouchers(c.var.deps.db, c.var.user!.id);
  const cancelled = c.req.query('cancelled');
  const notice = cancelled && /^\d{1,6}$/.test(cancelled) ? c.var.t('rewards.voucher.cancelled', { n: Number(cancelled) }) : undefined;
  return render(c, { title: c.var.t('rewards.myVouchers'), body: <MyVouchersPage v={viewCtx(c)} rows={rows} notice={notice} /> });
});

const loadVoucher = (c: Context<AppEnv>) => getMyVoucher(c.var.deps.db, { userId: c.var.user!.id, voucherId: c.req.param('id'), baseUrl: c.var.deps.config.BASE_URL });

rewardsRoutes.get('/me/vouchers/:id', async (c) => {
  const voucher = await loadVoucher(c);
  const notice = c.req.query('done') === 'redeemed' ? c.var.t('rewards.voucher.done') : undefined;
  return render(c, { title: c.var.t('rewards.voucher.title'), body: <VoucherPage v={viewCtx(c)} voucher={voucher} notice={notice} /> });
});

rewardsRoutes.get('/me/vouchers/:id/cancel', async (c) => {
  const x = await loadVoucher(c);
  const t = c.var.t;
  const blocked = x.status === 'pending' ? undefined : { key: notPendingKey(x.status) };
  const body = (
    <ConfirmAction t={t} title={t('rewards.voucher.cancel')} question={t('rewards.voucher.cancelQuestion', { n: x.price })} action={`/me/vouchers/${x.id}/cancel`}
      button={t('rewards.voucher.cancel')} cancelHref={`/me/vouchers/${x.id}`} blocked={blocked}>
      <p><strong>{x.itemName}</strong></p>
    </ConfirmAction>
  );
  return render(c, { title: t('rewards.voucher.cancel'), body });
});

rewardsRoutes.post('/me/vouchers/:id/cancel', async (c) => {
  await formBody(c);
  const v = await cancelVoucher(c.var.deps.db, { userId: c.var.user!.id, voucherId: c.req.param('id') });
  return redirectTo(c, `/me/vouchers?cancelled=${v.price}`);
});
