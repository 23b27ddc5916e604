// /clerk: the counter. Typed code (always works) or camera scan; the voucher found (item, masked resident, status,
// validity) with the hand-over button; today's hand-overs, stock with low stock marked, and coming course sessions.
import type { Msg } from '../../../src/domain/errors';
import type { ClerkHome } from '../../../src/domain/rewards/clerk-home';
import type { CounterVoucher } from '../../../src/domain/rewards/look-up-voucher';
import { groupVoucherCode } from '../../../src/domain/rewards/voucher-code';
import { Notice } from '../../components/confirm';
import { Field, type FieldErrors } from '../../components/field';
import type { ViewCtx } from '../../view-ctx';
import { fmtDate, fmtTime } from '../me/format';
import { StatusBadge } from '../rewards/voucher';

export interface ScanAssets {
  script: string;
  polyfill: string;
  wasm: string;
}

function VoucherCard(props: { v: ViewCtx; x: CounterVoucher; communityId: number; error?: Msg }) {
  const { v, x } = props;
  const { t } = v;
  const usable = x.status === 'pending' && !x.lapsed;
  return (
    <section class="card" id="counter-voucher" data-voucher={x.id}>
      <h2>{t('clerk.voucher')} <span class="mono">{groupVoucherCode(x.code)}</span></h2>
      <dl class="facts">
        <dt>{t('clerk.item')}</dt>
        <dd data-item-name>{x.itemName}</dd>
        <dt>{t('clerk.resident')}</dt>
        <dd data-resident>{x.resident}</dd>
        <dt>{t('rewards.voucher.status')}</dt>
        <dd><StatusBadge v={v} status={x.lapsed ? 'expired' : x.status} /></dd>
        {x.session && (
          <>
            <dt>{t('rewards.confirm.session')}</dt>
            <dd>{fmtTime(v, x.session.startsAt)} · {x.session.place}</dd>
          </>
        )}
        <dt>{t('rewards.voucher.validUntil')}</dt>
        <dd>{fmtDate(v, x.validUntil)}</dd>
      </dl>
      {props.error && <p class="form-error" role="alert">{t(props.error.key, props.error.params)}</p>}
      {usable && (
        <form method="post" action={`/clerk/vouchers/${x.id}/hand-over?community=${props.communityId}`}>
          <button class="btn primary" type="submit">{x.kind === 'course' ? t('clerk.confirmAttend') : t('clerk.confirm')}</button>
        </form>
      )}
    </section>
  );
}

export function CounterPage(props: {
  v: ViewCtx;
  community: { id: number; name: string };
  home: ClerkHome;
  code?: string;
  errors?: FieldErrors;
  voucher?: CounterVoucher;
  voucherError?: Msg;
  notice?: string;
  scan: ScanAssets;
}) {
  const { v, home } = props;
  const { t } = v;
  return (
    <>
      <Notice text={props.notice} />
      <section class="card" id="counter">
        <h1>{t('clerk.title')}</h1>
        <p class="muted">{props.community.name}</p>
        <form method="get" action="/clerk" id="code-form">
          <input type="hidden" name="community" value={String(props.community.id)} />
          <Field t={t} name="code" label={t('clerk.enterCode')} hint={t('clerk.codeHint')} value={props.code} errors={props.errors} autocomplete="off" maxlength={40} />
          <button class="btn primary" type="submit">{t('clerk.lookUp')}</button>
        </form>
        <div id="scan" hidden data-polyfill={props.scan.polyfill} data-wasm={props.scan.wasm} data-nonce={v.nonce}>
          <button class="btn" type="button" data-scan-start>{t('clerk.scan')}</button>
          <p class="hint">{t('clerk.scanHint')}</p>
          <video hidden playsinline muted class="scan-video"></video>
          <button class="btn" type="button" hidden data-scan-stop>{t('clerk.scanStop')}</button>
          <p class="hint" hidden data-scan-note>{t('clerk.scanUnsupported')}</p>
        </div>
      </section>
      {props.voucher && <VoucherCard v={v} x={props.voucher} communityId={props.community.id} error={props.voucherError} />}
      <section class="card" id="counter-today">
        <h2>{t('clerk.today')} ({home.today.length})</h2>
        {home.today.length === 0 ? <p class="muted">{t('clerk.todayNone')}</p> : (
          <ul class="list">{home.today.map((r) => <li data-handed={r.id}>{fmtTime(v, r.at)} · {r.itemName} · {r.resident}</li>)}</ul>
        )}
      </section>
      <section class="card" id="counter-stock">
        <h2>{t('clerk.stock')}</h2>
        <ul class="list">
          {home.stock.map((s) => (
            <li data-stock-item={s.id} data-stock={s.stock}>
              {s.name} · {s.stock} {s.low && <span class="badge disabled">{t('clerk.lowStock')}</span>} {!s.active && <span class="badge">{t('catalog.inactive')}</span>}
            </li>
          ))}
        </ul>
        {home.sessions.length > 0 && (
          <>
            <h2>{t('clerk.attendance')}</h2>
            <ul class="list">
              {home.sessions.map((s) => (
                <li><a href={`/clerk/sessions/${s.id}`}>{fmtTime(v, s.startsAt)} · {s.itemName} · {t('catalog.booked', { n: s.seats - s.seatsLeft, seats: s.seats })}</a></li>
              ))}
            </ul>
          </>
        )}
        <p>
          <a class="btn" href={`/clerk/catalog?community=${props.community.id}`}>{t('clerk.catalog')}</a>{' '}
          {v.user?.roles.includes('community_admin') && <a class="btn" href={`/admin/rewards?community=${props.community.id}`}>{t('clerk.report')}</a>}
        </p>
      </section>
      <script src={props.scan.script} nonce={v.nonce} defer></script>
    </>
  );
}
