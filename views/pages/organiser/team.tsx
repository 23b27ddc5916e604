// One team: join requests to approve, members (make or unmake leaders), its recurring shifts, and the form for a new one.
import type { Msg } from '../../../src/domain/errors';
import type { teamDetail } from '../../../src/domain/patrols/team-detail';
import { WEEKDAYS } from '../../../src/domain/patrols/recurrence';
import { Field, FormError, type FieldErrors } from '../../components/field';
import type { ViewCtx } from '../../view-ctx';
import { recurrenceText } from './home';

type Data = Awaited<ReturnType<typeof teamDetail>>;

export function TeamPage(props: {
  v: ViewCtx; data: Data; checkpoints: { id: number; name: string }[]; today: string;
  notice?: string; error?: Msg; errors?: FieldErrors; values?: Record<string, string>;
}) {
  const { v, data } = props;
  const { t } = v;
  const val = props.values ?? {};
  const base = `/organiser/teams/${data.team.id}`;
  return (
    <>
      <p><a href="/organiser">{t('org.back')}</a></p>
      {props.notice && <p class="banner ok" role="status">{props.notice}</p>}
      <section class="card" id="team">
        <h1>{data.team.name}</h1>
        <p class="muted">{data.team.earnsPoints ? t('org.earns.yes') : t('org.earns.no')}</p>
        {data.team.description && <p>{data.team.description}</p>}
      </section>
      <section class="card" id="join-requests">
        <h2>{t('org.requests', { n: data.requests.length })}</h2>
        {data.requests.length === 0 ? <p class="muted">{t('org.noRequests')}</p> : (
          <ul class="list">
            {data.requests.map((r) => (
              <li class="row" data-request={r.userId}>
                <span>{r.label}</span>
                <span class="btn-row">
                  <form method="post" action={`${base}/members/${r.userId}/approve`}><button class="btn small" type="submit">{t('org.approve')}</button></form>
                  <form method="post" action={`${base}/members/${r.userId}/decline`}><button class="btn small danger" type="submit">{t('org.decline')}</button></form>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card" id="members">
        <h2>{t('shifts.members', { n: data.members.length })}</h2>
        <ul class="list">
          {data.members.map((m) => (
            <li class="row" data-member={m.userId}>
              <span>{m.label} {m.role === 'leader' && <span class="badge active">{t('shifts.leader')}</span>}</span>
              <form method="post" action={`${base}/members/${m.userId}/${m.role === 'leader' ? 'unlead' : 'lead'}`}>
                <button class="btn small" type="submit">{m.role === 'leader' ? t('org.unlead') : t('org.lead')}</button>
              </form>
            </li>
          ))}
        </ul>
      </section>
      <section class="card" id="team-templates">
        <h2>{t('org.templates')}</h2>
        <ul class="list">
          {data.templates.map((tp) => (
            <li data-template={tp.id}>
              <strong>{tp.title}</strong> <span class="muted">{recurrenceText(v, tp.rrule)} {tp.startTime}–{tp.crossesMidnight ? t('org.nextDay') : ''}{tp.endTime}</span>
            </li>
          ))}
        </ul>
        <h3>{t('org.newTemplate')}</h3>
        <form method="post" action="/organiser/templates" novalidate id="template-form">
          <FormError t={t} error={props.error} />
          <input type="hidden" name="teamId" value={String(data.team.id)} />
          <Field t={t} name="title" label={t('org.tpl.title')} value={val.title} errors={props.errors} maxlength={40} required />
          <fieldset class="field">
            <legend>{t('org.tpl.freq')}</legend>
            <label><input type="radio" name="freq" value="daily" checked={val.freq !== 'weekly'} /> {t('org.freq.daily')}</label>
            <label><input type="radio" name="freq" value="weekly" checked={val.freq === 'weekly'} /> {t('org.freq.weekly')}</label>
            <p class="days">
              {WEEKDAYS.map((d) => (
                <label><input type="checkbox" name={`day_${d}`} checked={Boolean(val[`day_${d}`])} /> {t(`org.day.${d}`)}</label>
              ))}
            </p>
            {props.errors?.freq && <p class="error" role="alert">{t(props.errors.freq.key, props.errors.freq.params)}</p>}
          </fieldset>
          <Field t={t} name="startTime" type="time" label={t('org.tpl.start')} value={val.startTime ?? '19:00'} errors={props.errors} required />
          <Field t={t} name="endTime" type="time" label={t('org.tpl.end')} value={val.endTime ?? '22:00'} errors={props.errors} required />
          <label class="check"><input type="checkbox" name="crossesMidnight" checked={Boolean(val.crossesMidnight)} /> {t('org.tpl.crossesMidnight')}</label>
          <Field t={t} name="validFrom" type="date" label={t('org.tpl.from')} value={val.validFrom ?? props.today} errors={props.errors} required />
          <Field t={t} name="validUntil" type="date" label={t('org.tpl.until')} hint={t('org.tpl.untilHint')} value={val.validUntil} errors={props.errors} />
          <Field t={t} name="capacity" type="number" inputmode="numeric" label={t('org.tpl.capacity')} value={val.capacity ?? '10'} errors={props.errors} required />
          <fieldset class="field" id="route-stops">
            <legend>{t('org.tpl.route')}</legend>
            <p class="hint">{t('org.tpl.routeHint')}</p>
            {props.checkpoints.map((cp) => (
              <label class="stop">
                <input type="number" inputmode="numeric" min="1" max="50" name={`pos_${cp.id}`} value={val[`pos_${cp.id}`] ?? ''} aria-label={cp.name} /> {cp.name}
              </label>
            ))}
            {props.errors?.route && <p class="error" role="alert">{t(props.errors.route.key)}</p>}
          </fieldset>
          <Field t={t} name="minCheckpoints" type="number" inputmode="numeric" label={t('org.tpl.min')} hint={t('org.tpl.minHint')} value={val.minCheckpoints} errors={props.errors} />
          <button class="btn primary" type="submit">{t('org.tpl.save')}</button>
        </form>
      </section>
    </>
  );
}
