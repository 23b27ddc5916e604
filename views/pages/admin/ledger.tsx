// 积分对账 (/admin/ledger): the latest reconciliation run (its differences, or 账目一致), the "立即对账" button and history.
import type { LedgerOverview, RunView } from '../../../src/domain/points/reconcile-runs';
import type { MessageKey } from '../../../src/i18n/messages';
import { Notice } from '../../components/confirm';
import type { ViewCtx } from '../../view-ctx';
import { fmtTime } from '../me/format';

export function LedgerPage(props: { v: ViewCtx; overview: LedgerOverview; notice?: string }) {
  const { v } = props;
  const { t } = v;
  const o = props.overview;
  return (
    <>
      <section class="card" id="ledger">
        <p><a href="/admin">← {t('admin.title')}</a></p>
        <h1>{t('ledger.title')}</h1>
        <Notice text={props.notice} />
        <p class="muted">{t('ledger.intro')}</p>
        {o.pending && <p class="banner info" data-pending="1">{t('ledger.pending')}</p>}
        <form method="post" action="/admin/ledger/reconcile">
          <button class="btn primary" type="submit">{t('ledger.runNow')}</button>
        </form>
      </section>
      <section class="card" id="ledger-latest">
        <h2>{t('ledger.latest')}</h2>
        {o.latest ? <LatestRun v={v} run={o.latest} /> : <p class="empty">{t('ledger.never')}</p>}
      </section>
      {o.history.length > 0 && (
        <section class="card" id="ledger-history">
          <h2>{t('ledger.history')}</h2>
          <ul class="list" id="ledger-runs">
            {o.history.map((r) => (
              <li data-run={String(r.id)}>
                <span class="item-head">
                  <time>{fmtTime(v, r.ranAt)}</time>
                  {r.differences.length === 0 ? <span class="badge active">{t('ledger.consistent')}</span> : <strong class="error">{t('ledger.differences')} {countText(r)}</strong>}
                </span>
                <span class="muted">{t('ledger.accounts')} {r.accounts} · {t('ledger.transfers')} {r.transfers}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

const countText = (r: RunView) => (r.truncated ? `≥ ${r.differences.length}` : String(r.differences.length));

function LatestRun(props: { v: ViewCtx; run: RunView }) {
  const { v, run } = props;
  const { t } = v;
  return (
    <>
      <p class="muted">
        {fmtTime(v, run.ranAt)} · {t('ledger.accounts')} {run.accounts} · {t('ledger.transfers')} {run.transfers}
      </p>
      {run.differences.length === 0 ? (
        <div class="empty" data-consistent="1">
          <p><strong>{t('ledger.consistent')}</strong></p>
          <p>{t('ledger.consistentHow')}</p>
        </div>
      ) : (
        <>
          <p class="form-error" role="alert">
            {t('ledger.found', { n: countText(run) })}
            {run.truncated && t('ledger.shownOf', { n: run.differences.length })}
          </p>
          <ul class="list" id="ledger-differences">
            {run.differences.map((d) => (
              <li data-account={String(d.accountId)}>
                <span class="item-head">
                  <strong>{t('ledger.col.account')} {d.accountId}</strong>
                  <span>{t(`ledger.kind.${d.kind}` as MessageKey)}{d.period ? ` ${d.period}` : ''}</span>
                  {d.ownerUserId !== null && <span class="muted">{t('ledger.col.owner')} {d.ownerUserId}</span>}
                </span>
                <span class="diff-figures">
                  {t('ledger.col.cached')} <strong data-cached>{d.cached}</strong> · {t('ledger.col.computed')} <strong data-computed>{d.computed}</strong>
                  {d.lots !== null && <> · {t('ledger.col.lots')} <strong data-lots>{d.lots}</strong></>}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
