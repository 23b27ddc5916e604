// One points entry explained in plain words: how many, when, under which rule and rule-set version, approved by which role.
import type { LedgerEntryView } from '../../../src/domain/points/get-my-ledger-entry';
import type { MessageKey } from '../../../src/i18n/messages';
import type { ViewCtx } from '../../view-ctx';
import { fmtTime } from './format';
import { ruleText } from './rule-text';


export function LedgerEntryPage(props: { v: ViewCtx; entry: LedgerEntryView }) {
  const { t } = props.v;
  const e = props.entry;
  const rule = ruleText(t, e.ruleLabel);
  return (
    <section class="card" id="ledger-entry">
      <h1>{t('points.entry.why')}</h1>
      <p class="points-big">{e.amount > 0 ? `+${e.amount}` : e.amount} {t('points.entry.amount')}</p>
      <dl class="facts">
        <dt>{t('points.entry.time')}</dt>
        <dd>{fmtTime(props.v, e.at)}</dd>
        {rule && (
          <>
            <dt>{t('points.entry.rule')}</dt>
            <dd>
              {rule}
              {e.ruleSetVersion !== null && ` · ${t('points.entry.ruleVersion', { v: e.ruleSetVersion })}`}
            </dd>
          </>
        )}
        {e.approverRoles.length > 0 && (
          <>
            <dt>{t('points.entry.approver')}</dt>
            <dd>{e.approverRoles.map((r) => t(`role.${r}` as MessageKey)).join('、')}</dd>
          </>
        )}
        {e.trackingNo && (
          <>
            <dt>{t('points.entry.item')}</dt>
            <dd>
              <a href={`/me/submissions/${e.trackingNo}`}>{e.trackingNo}</a>
            </dd>
          </>
        )}
        {e.note && (
          <>
            <dt>{t('points.entry.note')}</dt>
            <dd>{e.note}</dd>
          </>
        )}
      </dl>
      {e.clampedFrom !== null && <p class="muted">{t('points.entry.clamped', { n: e.clampedFrom })}</p>}
      {e.cappedBy && <p class="muted">{t('points.entry.capped')}</p>}
    </section>
  );
}
