// 调解化解: the tier it was settled at, the mediator (staff, or a resident volunteer by phone), the outcome; with the
// community's settled-per-tier counts ("42 / 4 / 0").
import type { ActionItem } from '../../../src/domain/console/accept-item-page';
import type { MediationStats } from '../../../src/domain/console/mediation-stats';
import { Field, fieldIds, FormError } from '../../components/field';
import { SelectField } from '../../components/select';
import type { ViewCtx } from '../../view-ctx';
import { Blocked, hxBox, ItemSummary, tierLabel, TextArea, type ActionForm } from './accept-summary';

export interface MediateData {
  item: ActionItem;
  isDispute: boolean;
  canMediate: boolean;
  staff: { id: number; label: string }[];
  stats: MediationStats;
}

function Stats(props: { v: ViewCtx; stats: MediationStats }) {
  return (
    <section class="card" id="mediation-stats">
      <p class="muted">{props.v.t('act.med.stats')}</p>
      <p class="points-big" data-stats={props.stats.text}>{props.stats.text}</p>
    </section>
  );
}

export function MediateBox(props: { v: ViewCtx; data: MediateData; form: ActionForm }) {
  const { v, data, form } = props;
  const { t } = v;
  if (!data.isDispute) return <Blocked box="mediate-box" text={t('act.med.notDispute')} />;
  if (!data.canMediate) return <Blocked box="mediate-box" text={t('act.med.blocked', { status: t(`status.${data.item.status}`) })} />;
  const url = `/staff/items/${data.item.id}/mediate`;
  const val = (k: string) => form.values[k] ?? '';
  const tier = val('tier') || String(data.item.tier);
  const kind = data.item.anonymous ? 'staff' : val('mediatorKind') || 'staff';
  const kindErr = fieldIds({ name: 'mediatorKind', errors: form.fields });
  return (
    <section class="card" id="mediate-box">
      <form method="post" action={url} {...hxBox(url, 'mediate-box')} novalidate>
        <FormError t={t} error={form.formError} />
        <input type="hidden" name="version" value={val('version')} />
        <SelectField t={t} name="tier" label={t('act.med.tier')} value={tier} errors={form.fields}
          options={[1, 2, 3].map((n) => ({ value: String(n), label: tierLabel(v, n) }))} />
        <fieldset class={kindErr.err ? 'choices has-error' : 'choices'}>
          <legend>{t('act.med.mediator')}</legend>
          {(data.item.anonymous ? (['staff'] as const) : (['staff', 'resident'] as const)).map((k) => (
            <label class="choice">
              <input type="radio" name="mediatorKind" value={k} checked={kind === k} />
              <span>{t(`act.med.kind.${k}`)}</span>
            </label>
          ))}
          {kindErr.err && <p class="error" role="alert">{t(kindErr.err.key, kindErr.err.params)}</p>}
        </fieldset>
        <SelectField t={t} name="staffId" label={t('act.med.staff')} value={val('staffId')} errors={form.fields}
          options={[{ value: '', label: '—' }, ...data.staff.map((s) => ({ value: String(s.id), label: s.label }))]} />
        {data.item.anonymous && <p class="muted" id="mediate-anonymous">{t('act.med.anonymousNote')}</p>}
        {data.item.anonymous && form.fields?.phone && <p class="error" role="alert">{t(form.fields.phone.key, form.fields.phone.params)}</p>}
        {!data.item.anonymous && <Field t={t} name="phone" label={t('act.med.phone')} hint={t('act.med.phoneHint')} value={val('phone')} errors={form.fields} type="tel" inputmode="tel" autocomplete="off" maxlength={20} />}
        <TextArea v={v} name="outcome" label={t('act.med.outcome')} value={val('outcome')} errors={form.fields} />
        <button class="btn primary" type="submit">{t('act.med.submit')}</button>
      </form>
    </section>
  );
}

export function MediatePage(props: { v: ViewCtx; data: MediateData; form: ActionForm }) {
  return (
    <>
      <ItemSummary v={props.v} item={props.data.item} title={props.v.t('act.med.title')} />
      <Stats v={props.v} stats={props.data.stats} />
      <MediateBox {...props} />
    </>
  );
}
