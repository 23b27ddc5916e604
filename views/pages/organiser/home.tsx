// 组织者首页: teams (with join requests waiting), recurring shifts, the next shifts and activities, and the tools.
import type { Msg } from '../../../src/domain/errors';
import type { OrganiserHome } from '../../../src/domain/patrols/organiser-home';
import { fromRrule } from '../../../src/domain/patrols/recurrence';
import { Field, FormError, type FieldErrors } from '../../components/field';
import type { ViewCtx } from '../../view-ctx';
import { ShiftTime } from '../patrols/shift-bits';

export function recurrenceText(v: ViewCtx, rrule: string): string {
  const r = fromRrule(rrule);
  if (r.freq === 'daily') return v.t('org.freq.daily');
  return v.t('org.freq.weeklyOn', { days: (r.byday ?? []).map((d) => v.t(`org.day.${d}`)).join('、') });
}

export function OrganiserHomePage(props: { v: ViewCtx; data: OrganiserHome; notice?: string; error?: Msg; errors?: FieldErrors; values?: Record<string, string> }) {
  const { v, data } = props;
  const { t } = v;
  return (
    <>
      {props.notice && <p class="banner ok" role="status">{props.notice}</p>}
      <section class="card" id="org-home">
        <h1>{t('org.title')}</h1>
        <p class="muted">{data.communities.map((c) => c.name).join('、')}</p>
        <p class="btn-row">
          <a class="btn primary" href="/organiser/live">{t('org.live')}</a>
        </p>
        <p class="btn-row">
          <a class="btn" href="/organiser/flags">{t('org.flags', { n: data.flagged })}</a>
          <a class="btn" href="/organiser/reports">{t('org.reports')}</a>
          <a class="btn" href="/organiser/activities/new">{t('org.newActivity')}</a>
        </p>
      </section>
      <section class="card" id="org-teams">
        <h2>{t('org.teams')}</h2>
        <ul class="list">
          {data.teams.map((team) => (
            <li>
              <a href={`/organiser/teams/${team.id}`} data-team={team.id}>
                <strong>{team.name}</strong>
                <span class="muted">
                  {t('shifts.members', { n: team.active })}
                  {team.earnsPoints ? '' : ` · ${t('shifts.hoursOnly')}`}
                  {team.pending > 0 && ` · ${t('org.pending', { n: team.pending })}`}
                </span>
              </a>
            </li>
          ))}
        </ul>
        <details>
          <summary>{t('org.newTeam')}</summary>
          <form method="post" action="/organiser/teams" novalidate>
            <FormError t={t} error={props.error} />
            {data.communities.length > 1 && (
              <div class="field">
                <label for="f-communityId">{t('org.community')}</label>
                <select id="f-communityId" name="communityId">{data.communities.map((c) => <option value={String(c.id)}>{c.name}</option>)}</select>
              </div>
            )}
            <Field t={t} name="name" label={t('org.teamName')} value={props.values?.name} errors={props.errors} maxlength={40} required />
            <Field t={t} name="description" label={t('org.teamDescription')} value={props.values?.description} errors={props.errors} maxlength={300} />
            <fieldset class="field">
              <legend>{t('org.earns')}</legend>
              <label><input type="radio" name="earnsPoints" value="yes" checked /> {t('org.earns.yes')}</label>
              <label><input type="radio" name="earnsPoints" value="no" /> {t('org.earns.no')}</label>
            </fieldset>
            <button class="btn primary" type="submit">{t('org.createTeam')}</button>
          </form>
        </details>
      </section>
      <section class="card" id="org-templates">
        <h2>{t('org.templates')}</h2>
        {data.templates.length === 0 ? <p class="muted">{t('org.noTemplates')}</p> : (
          <ul class="list">
            {data.templates.map((tp) => (
              <li class="row" data-template={tp.id}>
                <span>
                  <strong>{tp.title}</strong>
                  <span class="muted"> · {recurrenceText(v, tp.rrule)} {tp.startTime}–{tp.crossesMidnight ? t('org.nextDay') : ''}{tp.endTime} · {t('org.capacityN', { n: tp.capacity })}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card" id="org-upcoming">
        <h2>{t('org.upcoming')}</h2>
        {data.upcoming.length === 0 ? <p class="muted">{t('org.noUpcoming')}</p> : (
          <ul class="list items">
            {data.upcoming.map((s) => (
              <li>
                <a href={`/organiser/shifts/${s.id}`} data-shift={s.id}>
                  <span class="item-head"><strong>{s.title}</strong>{s.status === 'cancelled' && <span class="badge disabled">{t('shifts.cancelled')}</span>}</span>
                  <ShiftTime v={v} startsAt={s.startsAt} endsAt={s.endsAt} />
                  <span class="muted">{t('shift.placesValue', { n: s.confirmedCount, cap: s.capacity })}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
