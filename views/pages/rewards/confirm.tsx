// 确认兑换: what, price, balance after, where and when to collect; the one button posts with the page's request key.
import type { RedeemPreview } from '../../../src/domain/rewards/redeem-preview';
import type { Msg } from '../../../src/domain/errors';
import { FormError } from '../../components/field';
import type { ViewCtx } from '../../view-ctx';
import { fmtDate, fmtTime } from '../me/format';

export function ConfirmRedeemPage(props: { v: ViewCtx; p: RedeemPreview; error?: Msg }) {
  const { v, p } = props;
  const { t } = v;
  const blocked = props.error ?? p.blocked;
  return (
    <section class="card" id="confirm">
      <h1>{t('rewards.confirm.title')}</h1>
      <dl class="facts">
        <dt>{t('rewards.confirm.what')}</dt>
        <dd>{p.item.name}</dd>
        {p.session && (
          <>
            <dt>{t('rewards.confirm.session')}</dt>
            <dd>{fmtTime(v, p.session.startsAt)}</dd>
            <dt>{t('rewards.confirm.place')}</dt>
            <dd>{p.session.place}</dd>
          </>
        )}
        <dt>{t('rewards.confirm.price')}</dt>
        <dd data-price={p.item.price}>{p.item.price}</dd>
        <dt>{t('rewards.balance')}</dt>
        <dd>{p.balance}</dd>
        {!blocked && (
          <>
            <dt>{t('rewards.confirm.balanceAfter')}</dt>
            <dd data-after={p.balanceAfter}>{p.balanceAfter}</dd>
          </>
        )}
        {p.item.pickup && (
          <>
            <dt>{t('rewards.confirm.pickup')}</dt>
            <dd>{p.item.pickup}</dd>
          </>
        )}
      </dl>
      <p class="muted">{p.session ? t('rewards.confirm.validCourse') : t('rewards.confirm.valid', { date: fmtDate(v, p.validUntil) })}</p>
      <FormError t={t} error={blocked} />
      {blocked ? (
        <a class="btn" href="/rewards">{t('common.back')}</a>
      ) : (
        <form method="post" action={`/rewards/${p.item.id}/redeem`}>
          <input type="hidden" name="key" value={p.requestKey} />
          {p.session && <input type="hidden" name="session" value={String(p.session.id)} />}
          <button class="btn primary" type="submit">{t('rewards.confirm.submit')}</button>
          <a class="btn" href="/rewards">{t('rewards.confirm.cancel')}</a>
        </form>
      )}
    </section>
  );
}
