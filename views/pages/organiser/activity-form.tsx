// A new volunteer activity: title, place (its 活动签到 poster checks people in), time, capacity, one team or everyone.
import type { Msg } from '../../../src/domain/errors';
import { Field, FormError, type FieldErrors } from '../../components/field';
import type { ViewCtx } from '../../view-ctx';

export function ActivityFormPage(props: {
  v: ViewCtx; teams: { id: number; name: string }[]; places: { id: number; name: string }[]; pointsPerHour: number | null;
  error?: Msg; errors?: FieldErrors; values?: Record<string, string>;
}) {
  const { v } = props;
  const { t } = v;
  const val = props.values ?? {};
  return (
    <section class="card" id="activity-form">
      <p><a href="/organiser">{t('org.back')}</a></p>
      <h1>{t('org.newActivity')}</h1>
      {props.pointsPerHour !== null && <p class="muted">{t('org.act.points', { n: props.pointsPerHour })}</p>}
      <FormError t={t} error={props.error} />
      <form method="post" action="/organiser/activities" novalidate>
        <Field t={t} name="title" label={t('org.act.title')} hint={t('org.act.titleHint')} value={val.title} errors={props.errors} maxlength={40} required />
        <div class={props.errors?.placeId ? 'field has-error' : 'field'}>
          <label for="f-placeId">{t('org.act.place')}</label>
          <select id="f-placeId" name="placeId">
            {props.places.map((p) => <option value={String(p.id)} selected={val.placeId === String(p.id)}>{p.name}</option>)}
          </select>
          {props.errors?.placeId && <p class="error" role="alert">{t(props.errors.placeId.key)}</p>}
        </div>
        <Field t={t} name="startsAt" type="datetime-local" label={t('org.act.start')} value={val.startsAt} errors={props.errors} required />
        <Field t={t} name="endsAt" type="datetime-local" label={t('org.act.end')} value={val.endsAt} errors={props.errors} required />
        <Field t={t} name="capacity" type="number" inputmode="numeric" label={t('org.tpl.capacity')} value={val.capacity ?? '20'} errors={props.errors} required />
        <div class="field">
          <label for="f-teamId">{t('org.act.for')}</label>
          <select id="f-teamId" name="teamId">
            <option value="">{t('shifts.everyone')}</option>
            {props.teams.map((x) => <option value={String(x.id)} selected={val.teamId === String(x.id)}>{x.name}</option>)}
          </select>
        </div>
        <Field t={t} name="description" label={t('org.act.description')} value={val.description} errors={props.errors} maxlength={500} />
        <button class="btn primary" type="submit">{t('org.act.save')}</button>
      </form>
    </section>
  );
}
