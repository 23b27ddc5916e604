// Asking before a wish is confirmed fulfilled (it cannot be undone), and the result, which mentions points only if credited.
import type { ViewCtx } from '../../view-ctx';
import { ConfirmAction } from '../../components/confirm';

export function ConfirmFulfilmentPage(props: { v: ViewCtx; offerId: number; offerStatus: string; helperName: string; description: string }) {
  const { t } = props.v;
  // Same reasons the action itself gives (confirm-fulfilment.ts), shown before anyone presses the button.
  const blocked = props.offerStatus === 'fulfilled' ? { key: 'wish.err.alreadyFulfilled' as const } : props.offerStatus !== 'accepted' ? { key: 'wish.err.notAccepted' as const } : undefined;
  return (
    <ConfirmAction
      t={t}
      title={t('staffWish.confirm.title')}
      question={t('staffWish.confirm.question', { name: props.helperName || t('staffWish.noName') })}
      action={`/staff/wishes/offers/${props.offerId}/confirm`}
      button={t('staffWish.confirm.button')}
      cancelHref="/staff/wishes"
      danger={false}
      blocked={blocked}
    >
      <p class="item-text">{props.description}</p>
    </ConfirmAction>
  );
}

export function FulfilmentDonePage(props: { v: ViewCtx; trackingNo: string; credited: boolean }) {
  const { t } = props.v;
  return (
    <section class="card" id="fulfilment-done">
      <h1>{t('staffWish.confirm.title')}</h1>
      <p class="banner ok" role="status">{t('staffWish.confirm.done')}</p>
      <p class="mono muted">{props.trackingNo}</p>
      {/* Only when the ledger really credited the helper; until it is wired, nothing is said about points. */}
      {props.credited && <p>{t('staffWish.confirm.points')}</p>}
      <a class="btn" href="/staff/wishes">{t('staffWish.back')}</a>
    </section>
  );
}
