// One voucher: the QR the clerk scans and the 8-character code, status, validity; cancel while it waits to be collected.
import type { MyVoucher, VoucherRow } from '../../../src/domain/rewards/my-vouchers';
import { groupVoucherCode } from '../../../src/domain/rewards/voucher-code';
import { Notice } from '../../components/confirm';
import type { ViewCtx } from '../../view-ctx';
import { fmtDate, fmtTime } from '../me/format';

export const StatusBadge = (props: { v: ViewCtx; status: VoucherRow['status'] }) => (
  <span class={`badge vs-${props.status}`} data-status={props.status}>{props.v.t(`rewards.status.${props.status}`)}</span>
);

export function VoucherPage(props: { v: ViewCtx; voucher: MyVoucher; notice?: string }) {
  const { v, voucher: x } = props;
  const { t } = v;
  return (
    <section class="card voucher" id="voucher">
      <Notice text={props.notice} />
      <h1>{x.itemName}</h1>
      <StatusBadge v={v} status={x.status} />
      {x.status === 'pending' && (
        <>
          <p>{t('rewards.voucher.show')}</p>
          <svg class="voucher-qr" viewBox="0 0 240 240" role="img" aria-label={t('rewards.voucher.qrAlt', { code: x.code })}>
            <rect width="240" height="240" fill="#fff" />
            <path d={x.qr} fill="#000" />
          </svg>
        </>
      )}
      <p class="voucher-code" data-code={x.code}>{groupVoucherCode(x.code)}</p>
      <dl class="facts">
        {x.session && (
          <>
            <dt>{t('rewards.confirm.session')}</dt>
            <dd>{fmtTime(v, x.session.startsAt)}</dd>
            <dt>{t('rewards.confirm.place')}</dt>
            <dd>{x.session.place}</dd>
          </>
        )}
        <dt>{t('rewards.confirm.price')}</dt>
        <dd>{x.price}</dd>
        {x.pickup && (
          <>
            <dt>{t('rewards.confirm.pickup')}</dt>
            <dd>{x.pickup}</dd>
          </>
        )}
        <dt>{t('rewards.voucher.validUntil')}</dt>
        <dd>{fmtDate(v, x.validUntil)}</dd>
        <dt>{t('rewards.voucher.created')}</dt>
        <dd>{fmtTime(v, x.createdAt)}</dd>
      </dl>
      {x.status === 'pending' && <a class="btn danger" href={`/me/vouchers/${x.id}/cancel`}>{t('rewards.voucher.cancel')}</a>}
      <p><a href="/me/vouchers">{t('rewards.myVouchers')}</a> · <a href="/rewards">{t('rewards.title')}</a></p>
    </section>
  );
}

export function MyVouchersPage(props: { v: ViewCtx; rows: VoucherRow[]; notice?: string }) {
  const { v } = props;
  const { t } = v;
  return (
    <section class="card" id="my-vouchers">
      <Notice text={props.notice} />
      <h1>{t('rewards.myVouchers')}</h1>
      {props.rows.length === 0 ? (
        <div class="empty">
          <p>{t('rewards.mine.empty')}</p>
          <a class="btn" href="/rewards">{t('rewards.mine.toCatalog')}</a>
        </div>
      ) : (
        <ul class="list items">
          {props.rows.map((r) => (
            <li>
              <a href={`/me/vouchers/${r.id}`} data-voucher={r.id}>
                <span class="item-head">
                  <strong>{r.itemName}</strong>
                  <StatusBadge v={v} status={r.status} />
                </span>
                <span class="muted">{r.session ? fmtTime(v, r.session.startsAt) : fmtTime(v, r.createdAt)} · {t('rewards.price', { n: r.price })}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      <p><a href="/rewards">{t('rewards.title')}</a></p>
    </section>
  );
}
