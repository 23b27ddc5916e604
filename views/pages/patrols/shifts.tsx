// 我能参加的: a short list of upcoming patrols and activities for my teams and open to all, with free places; my teams.
import type { OpenShift } from '../../../src/domain/patrols/list-open-shifts';
import type { ResidentTeam } from '../../../src/domain/patrols/list-teams-for-resident';
import type { ViewCtx } from '../../view-ctx';
import { ShiftTime } from './shift-bits';

export function ShiftsPage(props: { v: ViewCtx; shifts: OpenShift[]; teams: ResidentTeam[]; notice?: string }) {
  const { v } = props;
  const { t } = v;
  return (
    <>
      {props.notice && <p class="banner ok" role="status">{props.notice}</p>}
      <section class="card" id="open-shifts">
        <h1>{t('shifts.title')}</h1>
        <p class="muted">{t('shifts.intro')}</p>
        {props.shifts.length === 0 ? (
          <div class="empty">
            <p>{t('shifts.empty')}</p>
            {props.teams.every((x) => x.myStatus !== 'active') && <p>{t('shifts.emptyJoin')}</p>}
          </div>
        ) : (
          <ul class="list items">
            {props.shifts.map((s) => (
              <li data-shift={s.id}>
                <a href={`/shifts/${s.id}`}>
                  <span class="item-head">
                    <strong>{s.title}</strong>
                    <span class="badge st">{t(s.kind === 'patrol' ? 'shifts.kind.patrol' : 'shifts.kind.activity')}</span>
                    {s.status === 'cancelled' && <span class="badge disabled">{t('shifts.cancelled')}</span>}
                    {s.mine === 'confirmed' && <span class="badge active">{t('shifts.mine.confirmed')}</span>}
                    {s.mine === 'waitlisted' && <span class="badge replaced">{t('shifts.mine.waitlisted')}</span>}
                  </span>
                  <ShiftTime v={v} startsAt={s.startsAt} endsAt={s.endsAt} />
                  <span class="muted">
                    {[s.teamName ?? t('shifts.everyone'), s.placeName].filter(Boolean).join(' · ')} ·{' '}
                    {s.confirmed < s.capacity ? t('shifts.free', { n: s.capacity - s.confirmed }) : t('shifts.full')}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        )}
        <p><a href="/me/hours">{t('shifts.toHours')}</a></p>
      </section>
      <section class="card" id="my-teams">
        <h2>{t('shifts.teams')}</h2>
        {props.teams.length === 0 ? (
          <p class="muted">{t('shifts.noTeams')}</p>
        ) : (
          <ul class="list">
            {props.teams.map((team) => (
              <li class="row" data-team={team.id}>
                <span>
                  <strong>{team.name}</strong>
                  <span class="muted"> · {t('shifts.members', { n: team.members })}{team.earnsPoints ? '' : ` · ${t('shifts.hoursOnly')}`}</span>
                </span>
                {team.myStatus === 'active' && team.myRole === 'leader' ? (
                  <a class="btn small" href={`/teams/${team.id}`}>{t('shifts.leaderRequests')}</a>
                ) : team.myStatus === 'active' ? (
                  <span class="badge active">{t('shifts.member')}</span>
                ) : team.myStatus === 'pending' ? (
                  <span class="badge replaced">{t('shifts.pending')}</span>
                ) : (
                  <form method="post" action={`/teams/${team.id}/join`}>
                    <button class="btn small" type="submit">{t('shifts.join')}</button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
