// The monthly report (/staff/reports): the figures funders ask for, charts with their tables, staff performance;
// prints as a clean A4 page (print CSS hides navigation and forms) so "save as PDF" gives the report.
import { rates, type MonthlyReport } from '../../../src/domain/reports/monthly-report';
import { BarChart } from '../../components/bar-chart';
import type { ViewCtx } from '../../view-ctx';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const hours = (min: number | null) => (min === null ? '—' : `${Math.max(0, min / 60).toFixed(1)}`);
const num = (v: number | null) => (v === null ? '—' : String(v));

export function MonthlyReportPage(props: { v: ViewCtx; r: MonthlyReport; months: string[]; communities: { communityId: number; communityName: string }[] }) {
  const { v, r } = props;
  const { t } = v;
  const f = r.figures;
  const rr = rates(f);
  const scopeName = r.gridId === 0 ? r.community.name : `${r.community.name} · ${r.gridName ?? t('rep.noGrid')}`;
  const query = (over: Record<string, string | number>) => {
    const q = new URLSearchParams({ community: String(r.community.id), month: r.month, grid: String(r.gridId), ...Object.fromEntries(Object.entries(over).map(([k, x]) => [k, String(x)])) });
    return q.toString();
  };
  const labels = r.trend.map((x) => x.month);
  return (
    <article class="card report">
      <header class="report-head">
        <h1>{t('rep.title', { scope: scopeName, month: r.month })}</h1>
        <p class="muted">{r.refreshedAt ? t('rep.refreshed', { time: r.refreshedAt.toISOString().slice(0, 16).replace('T', ' ') }) : t('rep.notYet')}</p>
      </header>
      <form method="get" action="/staff/reports" class="report-pick no-print">
        {props.communities.length > 1 && (
          <label>{t('rep.community')}<select name="community">{props.communities.map((c) => <option value={String(c.communityId)} selected={c.communityId === r.community.id}>{c.communityName}</option>)}</select></label>
        )}
        {props.communities.length <= 1 && <input type="hidden" name="community" value={String(r.community.id)} />}
        <label>{t('rep.month')}<select name="month">{props.months.map((m) => <option value={m} selected={m === r.month}>{m}</option>)}</select></label>
        <label>{t('rep.grid')}
          <select name="grid">
            {r.mayChooseCommunity && <option value="0" selected={r.gridId === 0}>{t('rep.wholeCommunity')}</option>}
            {r.grids.map((g) => <option value={String(g.id)} selected={g.id === r.gridId}>{g.name}</option>)}
          </select>
        </label>
        <button class="btn small" type="submit">{t('rep.show')}</button>
        <a class="btn small" href={`/staff/reports.csv?${query({})}`} download>{t('rep.csv')}</a>
        <p class="hint">{t('rep.printHint')}</p>
      </form>

      <section aria-labelledby="rep-kpi">
        <h2 id="rep-kpi">{t('rep.kpi')}</h2>
        <dl class="kpis">
          <div data-kpi="items"><dt>{t('rep.items')}</dt><dd>{f.items}</dd><dd class="muted">{t('rep.itemsSplit', { tips: f.tips, wishes: f.wishes })}</dd></div>
          <div data-kpi="response"><dt>{t('rep.response')}</dt><dd>{pct(rr.response)}</dd><dd class="muted">{t('rep.responseHow', { n: f.answeredInSla, of: f.items })}</dd></div>
          <div data-kpi="resolution"><dt>{t('rep.resolution')}</dt><dd>{pct(rr.resolution)}</dd><dd class="muted">{t('rep.resolutionHow', { n: f.resolved, of: f.resolvable })}</dd></div>
          <div data-kpi="satisfaction"><dt>{t('rep.satisfaction')}</dt><dd>{pct(rr.satisfaction)}</dd><dd class="muted">{t('rep.satisfactionHow', { n: f.satisfied, of: f.rated })}</dd></div>
          <div data-kpi="police"><dt>{t('rep.police')}</dt><dd>{pct(f.items ? f.police / f.items : null)}</dd><dd class="muted">{t('rep.count', { n: f.police })}</dd></div>
          <div data-kpi="overdue"><dt>{t('rep.overdue')}</dt><dd>{f.overdue}</dd></div>
          <div data-kpi="tiers"><dt>{t('rep.tiers')}</dt><dd>{`${f.settledTier1} / ${f.settledTier2} / ${f.settledTier3}`}</dd><dd class="muted">{t('rep.tiersHow')}</dd></div>
        </dl>
        <div class="table-wrap">
          <table class="data">
            <caption>{t('rep.times')}</caption>
            <thead><tr><th scope="col" /><th scope="col">{t('rep.median')}</th><th scope="col">{t('rep.p90')}</th></tr></thead>
            <tbody>
              <tr><th scope="row">{t('rep.toFirstAnswer')}</th><td>{hours(f.firstAnswerP50Min)}</td><td>{hours(f.firstAnswerP90Min)}</td></tr>
              <tr><th scope="row">{t('rep.toResolution')}</th><td>{hours(f.resolveP50Min)}</td><td>{hours(f.resolveP90Min)}</td></tr>
            </tbody>
          </table>
        </div>
      </section>

      {r.points && (
        <section aria-labelledby="rep-points">
          <h2 id="rep-points">{t('rep.points')}</h2>
          <dl class="kpis">
            <div data-kpi="issued"><dt>{t('rep.issued')}</dt><dd>{r.points.issued}</dd><dd class="muted">{t('rep.ofBudget', { budget: r.points.budget })}</dd></div>
            <div data-kpi="spent"><dt>{t('rep.spent')}</dt><dd>{r.points.spent}</dd></div>
          </dl>
        </section>
      )}

      {r.patrols && (
        <section aria-labelledby="rep-patrols">
          <h2 id="rep-patrols">{t('rep.patrols')}</h2>
          <dl class="kpis">
            <div data-kpi="patrol-hours"><dt>{t('rep.patrolHours')}</dt><dd>{r.patrols.verifiedHours}</dd><dd class="muted">{t('rep.patrolShifts', { n: r.patrols.shifts })}</dd></div>
            <div data-kpi="patrol-attendance"><dt>{t('rep.attendance')}</dt><dd>{pct(r.patrols.signups ? r.patrols.attended / r.patrols.signups : null)}</dd><dd class="muted">{t('rep.attendanceHow', { n: r.patrols.attended, of: r.patrols.signups })}</dd></div>
            <div data-kpi="patrol-no-shows"><dt>{t('rep.noShows')}</dt><dd>{r.patrols.noShows}</dd></div>
          </dl>
        </section>
      )}

      <section aria-labelledby="rep-cats">
        <h2 id="rep-cats">{t('rep.categories')}</h2>
        {r.categories.length === 0 ? <p class="muted">{t('rep.noItems')}</p> : (
          <div class="table-wrap">
            <table class="data">
              <thead><tr><th scope="col">{t('rep.category')}</th><th scope="col">{t('rep.items')}</th></tr></thead>
              <tbody>{r.categories.map((c) => <tr data-category={c.key}><th scope="row">{c.label}</th><td>{c.items}</td></tr>)}</tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="rep-trend" class="trend">
        <h2 id="rep-trend">{t('rep.trend')}</h2>
        <BarChart id="ch-items" title={t('rep.chart.items')} desc={t('rep.chart.itemsDesc', { from: labels[0], to: labels[labels.length - 1] })} labels={labels} rowHeader={t('rep.month')} tableCaption={t('rep.chart.items')}
          series={[{ name: t('rep.items'), values: r.trend.map((x) => x.figures.items), format: num, cls: 's1' }]} />
        <BarChart id="ch-rates" title={t('rep.chart.rates')} desc={t('rep.chart.ratesDesc')} labels={labels} max={1} rowHeader={t('rep.month')} tableCaption={t('rep.chart.rates')}
          series={[
            { name: t('rep.response'), values: r.trend.map((x) => rates(x.figures).response), format: pct, cls: 's1' },
            { name: t('rep.resolution'), values: r.trend.map((x) => rates(x.figures).resolution), format: pct, cls: 's2' },
            { name: t('rep.satisfaction'), values: r.trend.map((x) => rates(x.figures).satisfaction), format: pct, cls: 's3' },
          ]} />
      </section>

      <section aria-labelledby="rep-staff">
        <h2 id="rep-staff">{t('rep.staff')}</h2>
        {r.staff.length === 0 ? <p class="muted">{t('rep.noStaff')}</p> : (
          <div class="table-wrap">
            <table class="data">
              <thead><tr><th scope="col">{t('rep.worker')}</th><th scope="col">{t('rep.handled')}</th><th scope="col">{t('rep.medianAnswer')}</th><th scope="col">{t('rep.overdue')}</th><th scope="col">{t('rep.satisfaction')}</th></tr></thead>
              <tbody>
                {r.staff.map((s) => (
                  <tr data-staff={s.userId}><th scope="row">{s.name}</th><td>{s.handled}</td><td>{hours(s.firstAnswerP50Min)}</td><td>{s.overdue}</td><td>{pct(s.rated ? s.satisfied / s.rated : null)}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <p class="muted small">{t('rep.definitions')}</p>
    </article>
  );
}
