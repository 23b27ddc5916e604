// Attendance by team and person for a month, CSV export, and the heat map of checkpoint × hour as server-rendered SVG
// with the same numbers in a table beside it (the table is what screen readers and printouts use).
import type { AttendanceReport, HeatMap } from '../../../src/domain/patrols/attendance-report';
import type { ViewCtx } from '../../view-ctx';
import { hoursText } from '../patrols/shift-bits';

/** 'YYYY-MM' moved by whole months. */
const shiftMonth = (month: string, by: number) => {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + by, 1));
  return d.toISOString().slice(0, 7);
};

const rate = (n: number, of: number) => (of ? `${Math.round((n / of) * 100)}%` : '—');

export function HeatMapSvg(props: { v: ViewCtx; heat: HeatMap }) {
  const { heat } = props;
  const cell = 28;
  const left = 96;
  const top = 22;
  const max = Math.max(1, ...heat.cells.map((c) => c.scans));
  const width = left + heat.hours.length * cell + 4;
  const height = top + heat.places.length * cell + 4;
  const value = (placeId: number, hour: number) => heat.cells.find((c) => c.placeId === placeId && c.hour === hour)?.scans ?? 0;
  return (
    <svg class="heat" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={props.v.t('org.heat.title')}>
      {heat.hours.map((h, i) => (
        <text x={left + i * cell + cell / 2} y={14} font-size="11" text-anchor="middle">{String(h).padStart(2, '0')}</text>
      ))}
      {heat.places.map((p, r) => (
        <>
          <text x={left - 6} y={top + r * cell + cell / 2 + 4} font-size="11" text-anchor="end">{Array.from(p.name).slice(0, 7).join('')}</text>
          {heat.hours.map((h, i) => {
            const n = value(p.id, h);
            return (
              <rect x={left + i * cell + 1} y={top + r * cell + 1} width={cell - 2} height={cell - 2} rx="3" fill="#1f6feb" fill-opacity={n ? (0.15 + 0.85 * (n / max)).toFixed(2) : '0.04'}>
                <title>{`${p.name} ${h}:00 · ${n}`}</title>
              </rect>
            );
          })}
        </>
      ))}
    </svg>
  );
}

export function ReportsPage(props: { v: ViewCtx; report: AttendanceReport }) {
  const { v, report: r } = props;
  const { t } = v;
  return (
    <>
      <p><a href="/organiser">{t('org.back')}</a></p>
      <section class="card" id="reports">
        <h1>{t('org.reports')}</h1>
        <form method="get" action="/organiser/reports" class="btn-row">
          <label for="f-month">{t('org.month')}</label>
          <input id="f-month" type="month" name="month" value={r.month} />
          <button class="btn small" type="submit">{t('org.show')}</button>
        </form>
        <p class="btn-row">
          <a class="btn small" href={`/organiser/reports?month=${shiftMonth(r.month, -1)}`}>{t('org.prevMonth')}</a>
          <a class="btn small" href={`/organiser/reports?month=${shiftMonth(r.month, 1)}`}>{t('org.nextMonth')}</a>
        </p>
        <p><a class="btn" href={`/organiser/reports.csv?month=${r.month}`}>{t('org.csv')}</a></p>
        <h2>{t('org.byTeam')}</h2>
        <table class="pt" id="by-team">
          <thead><tr><th>{t('org.col.team')}</th><th>{t('org.col.signups')}</th><th>{t('org.col.attended')}</th><th>{t('org.col.noShowRate')}</th><th>{t('org.col.hours')}</th><th>{t('org.col.points')}</th></tr></thead>
          <tbody>
            {r.teams.map((x) => (
              <tr><td>{x.teamName}</td><td>{x.signups}</td><td>{x.attended}</td><td>{rate(x.noShows, x.signups)}</td><td>{hoursText(x.minutes)}</td><td>{x.points}</td></tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="card" id="heat">
        <h2>{t('org.heat.title')}</h2>
        <p class="muted">{t('org.heat.intro')}</p>
        {r.heat.places.length === 0 ? <p class="empty">{t('org.heat.none')}</p> : (
          <div class="heat-wrap">
            <HeatMapSvg v={v} heat={r.heat} />
            <table class="pt" id="heat-table">
              <thead><tr><th>{t('org.col.checkpoint')}</th>{r.heat.hours.map((h) => <th>{`${String(h).padStart(2, '0')}时`}</th>)}</tr></thead>
              <tbody>
                {r.heat.places.map((p) => (
                  <tr><td>{p.name}</td>{r.heat.hours.map((h) => <td>{r.heat.cells.find((c) => c.placeId === p.id && c.hour === h)?.scans ?? 0}</td>)}</tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section class="card" id="by-person">
        <h2>{t('org.byPerson')}</h2>
        <table class="pt">
          <thead><tr><th>{t('org.col.person')}</th><th>{t('org.col.team')}</th><th>{t('org.col.attended')}</th><th>{t('org.col.noShows')}</th><th>{t('org.col.hours')}</th></tr></thead>
          <tbody>
            {r.people.map((p) => (
              <tr><td>{p.person}</td><td>{p.teamName}</td><td>{`${p.attended}/${p.signups}`}</td><td>{p.noShows}</td><td>{hoursText(p.minutes)}</td></tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
