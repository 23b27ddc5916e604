// 我的积分: balance, points held for redemptions and expiring soon, then each entry (+/−, when, why) linking to its explanation.
import { EXPIRING_WITHIN_DAYS, type MyLedger } from '../../../src/domain/points/list-my-ledger';
import { listHref, Pager } from '../../components/pager';
import type { ViewCtx } from '../../view-ctx';
import { fmtTime } from './format';
import { ruleText } from './rule-text';

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

export function MyLedgerPage(props: { v: ViewCtx; ledger: MyLedger }) {
  const { v } = props;
  const { t } = v;
  const l = props.ledger;
  const r = l.entries;
  return (
    <section class="card" id="my-ledger">
      <h1>{t('points.ledger.title')}</h1>
      <dl class="facts">
        <dt>{t('points.ledger.balance')}</dt>
        <dd class="points-big" data-balance={l.balance}>{l.balance}</dd>
        <dt>{t('points.ledger.pending')}</dt>
        <dd data-pending={l.pending}>{l.pending}</dd>
        {l.expiringSoon > 0 && (
          <>
            <dt>{t('points.ledger.expiring', { days: EXPIRING_WITHIN_DAYS })}</dt>
            <dd data-expiring={l.expiringSoon}>{l.expiringSoon}</dd>
          </>
        )}
      </dl>
      <p>
        <a class="btn" href="/rewards" id="ledger-rewards">{t('rewards.link')}</a> <a href="/me/vouchers">{t('rewards.myVouchers')}</a>
      </p>
      {r.total === 0 ? (
        <div class="empty">
          <p>{t('points.ledger.empty')}</p>
          <p>{t('points.ledger.emptyHow')}</p>
          <a class="btn" href="/report">{t('points.ledger.toReport')}</a>
        </div>
      ) : (
        <>
          <h2>{t('points.ledger.entries')}</h2>
          <ul class="list items" id="ledger-entries">
            {r.rows.map((e) => (
              <li>
                <a href={`/me/points/${e.id}`} data-entry={e.id}>
                  <span class="item-head">
                    <strong class={e.amount > 0 ? 'points-in' : 'points-out'}>{signed(e.amount)}</strong>
                    <span>{ruleText(t, e.ruleLabel) ?? t('points.ledger.other')}</span>
                  </span>
                  <span class="muted">{fmtTime(v, e.at)}</span>
                </a>
              </li>
            ))}
          </ul>
          {r.pages > 1 && <Pager t={t} page={r.page} pages={r.pages} total={r.total} href={(p) => listHref('/me/points', { page: p })} />}
        </>
      )}
    </section>
  );
}
