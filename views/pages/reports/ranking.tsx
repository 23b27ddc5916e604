// The public monthly ranking (/rank/:communityCode): no sign-in, a QR-able address; masked names, ties share a place.
import type { RankingRow } from '../../../src/domain/reports/public-ranking';
import type { ViewCtx } from '../../view-ctx';

export function RankingPage(props: {
  v: ViewCtx;
  community: { name: string; code: string };
  month: string;
  months: string[];
  gridId: number;
  grids: { id: number; name: string }[];
  teamId: number;
  teams: { id: number; name: string }[];
  rows: RankingRow[];
  minAwards: number;
}) {
  const { t } = props.v;
  return (
    <section class="card ranking">
      <h1>{t('rank.title', { community: props.community.name, month: props.month })}</h1>
      <p class="muted" data-rule>{t('rank.rule', { min: props.minAwards })}</p>
      <form method="get" action={`/rank/${props.community.code}`} class="report-pick">
        <label>{t('rep.month')}<select name="month">{props.months.map((m) => <option value={m} selected={m === props.month}>{m}</option>)}</select></label>
        <label>{t('rank.scope')}
          <select name="grid">
            <option value="0" selected={props.gridId === 0}>{t('rank.whole')}</option>
            {props.grids.map((g) => <option value={String(g.id)} selected={g.id === props.gridId}>{g.name}</option>)}
          </select>
        </label>
        {props.teams.length > 0 && (
          <label>{t('rank.team')}
            <select name="team">
              <option value="0" selected={props.teamId === 0}>{t('rank.anyTeam')}</option>
              {props.teams.map((x) => <option value={String(x.id)} selected={x.id === props.teamId}>{x.name}</option>)}
            </select>
          </label>
        )}
        <button class="btn small" type="submit">{t('rep.show')}</button>
      </form>
      {props.teamId !== 0 && <p class="muted" data-team>{t('rank.teamNote', { team: props.teams.find((x) => x.id === props.teamId)?.name ?? '' })}</p>}
      {props.rows.length === 0 ? (
        <p class="empty" role="status">{t('rank.empty')}</p>
      ) : (
        <ol aria-label={t('rank.title', { community: props.community.name, month: props.month })}>
          {props.rows.map((r) => (
            <li data-place={r.place}>
              <span class="place">{r.place}</span>
              <span class="who">{r.name ?? t('rank.resident', { last4: r.last4 ?? '' })}</span>
              <span class="pts">{r.points} {t('rank.points')}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
