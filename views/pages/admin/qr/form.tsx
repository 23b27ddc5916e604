// New QR code form: purpose, place of the community, printed name. Plain POST; errors re-render it with the values kept.
import { QR_PURPOSES } from '../../../../src/db/schema';
import type { Msg } from '../../../../src/domain/errors';
import { LABEL_MAX } from '../../../../src/domain/qr/qr-input';
import type { PlaceOption } from '../../../../src/domain/qr/list-qr-places';
import { Field, FormError, type FieldErrors } from '../../../components/field';
import type { ViewCtx } from '../../../view-ctx';

export function NewQrPage(props: {
  v: ViewCtx;
  communityId: number;
  places: PlaceOption[];
  values?: Record<string, string>;
  errors?: FieldErrors;
  formError?: Msg;
}) {
  const { t } = props.v;
  const val = props.values ?? {};
  const err = props.errors ?? {};
  const select = (name: string, label: string, options: { value: string; label: string }[]) => (
    <div class={err[name] ? 'field has-error' : 'field'}>
      <label for={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name} required aria-invalid={err[name] ? 'true' : undefined} aria-describedby={err[name] ? `f-${name}-err` : undefined}>
        <option value="">{t('qr.admin.choose')}</option>
        {options.map((o) => <option value={o.value} selected={val[name] === o.value}>{o.label}</option>)}
      </select>
      {err[name] && <p class="error" id={`f-${name}-err`} role="alert">{t(err[name].key, err[name].params)}</p>}
    </div>
  );
  return (
    <section class="card">
      <p><a href={`/admin/qr?community=${props.communityId}`}>← {t('qr.admin.title')}</a></p>
      <h1>{t('qr.admin.new')}</h1>
      <FormError t={t} error={props.formError} />
      <form method="post" action={`/admin/qr?community=${props.communityId}`}>
        {select('purpose', t('qr.admin.purpose'), QR_PURPOSES.map((p) => ({ value: p, label: t(`qr.purpose.${p}`) })))}
        {select('placeId', t('qr.admin.place'), props.places.map((p) => ({ value: String(p.id), label: p.label })))}
        <Field t={t} name="label" label={t('qr.admin.label')} hint={t('qr.admin.labelHint')} value={val.label} errors={err} maxlength={LABEL_MAX} required />
        <button class="btn primary" type="submit">{t('qr.admin.create')}</button>
      </form>
    </section>
  );
}
