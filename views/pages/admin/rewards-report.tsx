// 兑换统计 (/admin/rewards): redemptions by item and by month, points spent vs issued, CSV export.
import type { RewardsReport } from '../../../src/domain/rewards/rewards-report';
import type { ViewCtx } from '../../view-ctx';

export function RewardsReportPage(props: { v: ViewCtx; report: RewardsReport }) {
  const { t } = props.v;
  const r = props.report;
  return (
    <section class="card" id="rewards-report">
      <h1>{t('report.title')} · {r.community.name}</h1>
      <p><a class="btn" href={`/admin/rewards/export.csv?community=${r.community.id}`}>{t('report.csv')}</a></p>
      <h2>{t('report.byMonth')}</h2>
      <div class="table-wrap">
        <table class="table" id="report-months">
          <thead><tr><th>{t('report.month')}</th><th>{t('report.count')}</th><th>{t('report.handedOver')}</th><th>{t('report.pointsSpent')}</th><th>{t('report.pointsIssued')}</th></tr></thead>
          <tbody>{r.byMonth.map((m) => <tr data-month={m.month}><td>{m.month}</td><td>{m.redemptions}</td><td>{m.handedOver}</td><td>{m.pointsSpent}</td><td>{m.pointsIssued}</td></tr>)}</tbody>
        </table>
      </div>
      <h2>{t('report.byItem')}</h2>
      <div class="table-wrap">
        <table class="table" id="report-items">
          <thead><tr><th>{t('catalog.name')}</th><th>{t('report.count')}</th><th>{t('report.handedOver')}</th><th>{t('report.pointsSpent')}</th></tr></thead>
          <tbody>{r.byItem.map((i) => <tr><td>{i.item}</td><td>{i.redemptions}</td><td>{i.handedOver}</td><td>{i.pointsSpent}</td></tr>)}</tbody>
        </table>
      </div>
    </section>
  );
}
