// The report form opened from a 民情收集 QR code: one multipart form that works without JavaScript and keeps everything on each round trip.
import type { Msg } from '../../../src/domain/errors';
import type { PhotoView } from '../../../src/domain/photos/contract';
import { DESCRIPTION_MAX, DESCRIPTION_MIN } from '../../../src/domain/submissions/description-rules';
import type { ReportContext } from '../../../src/domain/submissions/load-report-context';
import type { ReportFormValues } from '../../../src/domain/submissions/report-form';
import { FormError, type FieldErrors } from '../../components/field';
import { SelectField } from '../../components/select';
import type { ViewCtx } from '../../view-ctx';
import { CategoryChoice, CheckChoice, ContactChoice, ErrorLine, KindChoice } from './choices';
import { LocationField, PhotoField } from './extras';
import { SignInStep, type SignInState } from './sign-in-step';

export interface ReportFormProps {
  v: ViewCtx;
  ctx: ReportContext;
  values: ReportFormValues;
  token: string;
  photos: PhotoView[];
  signIn: SignInState;
  errors?: FieldErrors;
  formError?: Msg;
  signInError?: Msg;
  scriptSrc: string;
}

export function ReportFormPage(p: ReportFormProps) {
  const { t } = p.v;
  const { qr } = p.ctx;
  const err = p.errors?.description;
  return (
    <>
      <form class="report" method="post" action="/report" enctype="multipart/form-data" novalidate id="report-form">
        {/* First in the form, so Enter in any text box means "carry on" (the server picks the step from what is filled in). */}
        <button class="default-step" type="submit" name="step" value="auto" tabindex={-1} aria-hidden="true">{t('report.submit')}</button>
        <input type="hidden" name="qr" value={qr.code} />
        <input type="hidden" name="token" value={p.token} />
        <section class="card report-head">
          <h1>
            <span class="only-tip">{t('report.title.tip')}</span>
            <span class="only-wish">{t('report.title.wish')}</span>
          </h1>
          <p class="scan-place">{t('report.from')}:{[qr.communityName, ...qr.place].join(' › ') || qr.label}</p>
          <p class="muted">{t('report.intro')}</p>
        </section>
        <FormError t={t} error={p.formError} />
        <section class="card">
          <KindChoice t={t} kind={p.values.kind} errors={p.errors} />
          <CategoryChoice t={t} categories={p.ctx.ruleSet.body.categories} value={p.values.category} errors={p.errors} />
        </section>
        <section class="card">
          <div class={err ? 'field has-error' : 'field'}>
            <label for="f-description">{t('report.description.label')}</label>
            <p class="hint" id="f-description-hint">{t('report.description.hint', { min: DESCRIPTION_MIN, max: DESCRIPTION_MAX })}</p>
            <textarea id="f-description" name="description" rows={5} maxlength={DESCRIPTION_MAX * 2}
              aria-describedby={err ? 'f-description-hint f-description-err' : 'f-description-hint'} aria-invalid={err ? 'true' : undefined}>
              {p.values.description}
            </textarea>
            <ErrorLine t={t} id="f-description-err" errors={p.errors} name="description" />
          </div>
          <SelectField t={t} name="place" label={t('report.place.label')} hint={t('report.place.hint')} value={p.values.place} errors={p.errors}
            options={[{ value: '', label: t('report.place.none') }, ...p.ctx.places.map((o) => ({ value: String(o.id), label: o.label }))]} />
          <PhotoField t={t} photos={p.photos} errors={p.errors} />
          <LocationField t={t} lat={p.values.lat} lng={p.values.lng} errors={p.errors} />
        </section>
        <section class="card">
          <CheckChoice t={t} name="anonymous" checked={p.values.anonymous} label={t('report.anonymous.label')} hint={t('report.anonymous.hint')} />
          <CheckChoice t={t} name="publicWish" checked={p.values.publicWish} label={t('report.publicWish.label')} hint={t('report.publicWish.hint')} class="only-wish" />
          <ContactChoice t={t} value={p.values.contact} errors={p.errors} />
        </section>
        <SignInStep t={t} s={p.signIn} errors={p.errors} error={p.signInError} />
      </form>
      <script src={p.scriptSrc} nonce={p.v.nonce} defer></script>
    </>
  );
}
