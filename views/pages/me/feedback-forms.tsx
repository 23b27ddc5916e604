// After 已办结: the one-time satisfaction rating and the 7-day 重新打开 form. Each is its own htmx target and works without JS.
import type { Msg } from '../../../src/domain/errors';
import type { MessageKey } from '../../../src/i18n/messages';
import { COMMENT_MAX } from '../../../src/domain/submissions/feedback-input';
import { REOPEN_WINDOW_DAYS } from '../../../src/domain/submissions/status';
import { FormError, type FieldErrors } from '../../components/field';
import type { ViewCtx } from '../../view-ctx';
import { fmtDate } from './format';

export interface FormState {
  values?: Record<string, string>;
  errors?: FieldErrors;
  formError?: Msg;
}

const hx = (url: string, target: string) => ({ 'hx-post': url, 'hx-target': target, 'hx-swap': 'outerHTML' });

function FieldError(props: { v: ViewCtx; id: string; error?: Msg }) {
  return props.error ? (
    <p class="error" id={props.id} role="alert">
      {props.v.t(props.error.key, props.error.params)}
    </p>
  ) : null;
}

export function RateBox(props: { v: ViewCtx; trackingNo: string; state?: FormState }) {
  const { v } = props;
  const { t } = v;
  const s = props.state ?? {};
  const url = `/me/submissions/${props.trackingNo}/rating`;
  const picked = s.values?.rating ?? '';
  return (
    <section class="card" id="rate-box">
      <h2>{t('me.rate.title')}</h2>
      <p class="hint">{t('me.rate.hint')}</p>
      <FormError t={t} error={s.formError} />
      <form method="post" action={url} {...hx(url, '#rate-box')} novalidate>
        <fieldset class={s.errors?.rating ? 'stars has-error' : 'stars'} aria-describedby={s.errors?.rating ? 'f-rating-err' : undefined}>
          <legend>{t('me.rate.legend')}</legend>
          {[1, 2, 3, 4, 5].map((n) => (
            <label class="star">
              <input type="radio" name="rating" value={String(n)} checked={picked === String(n)} required />
              <span class="star-n" aria-hidden="true">{'★'.repeat(n)}</span>
              <span>{t(`me.rate.label.${n}` as MessageKey)}</span>
            </label>
          ))}
        </fieldset>
        <FieldError v={v} id="f-rating-err" error={s.errors?.rating} />
        <div class={s.errors?.comment ? 'field has-error' : 'field'}>
          <label for="f-comment">{t('me.rate.comment')}</label>
          <p class="hint" id="f-comment-hint">{t('me.rate.commentHint', { max: COMMENT_MAX })}</p>
          <textarea id="f-comment" name="comment" rows={3} maxlength={COMMENT_MAX} aria-describedby="f-comment-hint">{s.values?.comment ?? ''}</textarea>
          <FieldError v={v} id="f-comment-err" error={s.errors?.comment} />
        </div>
        <button class="btn primary" type="submit">{t('me.rate.submit')}</button>
      </form>
    </section>
  );
}

export function ReopenBox(props: { v: ViewCtx; trackingNo: string; until: Date; state?: FormState }) {
  const { v } = props;
  const { t } = v;
  const s = props.state ?? {};
  const url = `/me/submissions/${props.trackingNo}/reopen`;
  return (
    <section class="card" id="reopen-box">
      <h2>{t('me.reopen.title')}</h2>
      <p class="hint">{t('me.reopen.hint', { days: REOPEN_WINDOW_DAYS, until: fmtDate(v, props.until) })}</p>
      <FormError t={t} error={s.formError} />
      <form method="post" action={url} {...hx(url, '#reopen-box')} novalidate>
        <div class={s.errors?.reason ? 'field has-error' : 'field'}>
          <label for="f-reason">{t('me.reopen.reason')}</label>
          <p class="hint" id="f-reason-hint">{t('me.reopen.reasonHint', { max: COMMENT_MAX })}</p>
          <textarea id="f-reason" name="reason" rows={3} maxlength={COMMENT_MAX} required aria-describedby="f-reason-hint"
            aria-invalid={s.errors?.reason ? 'true' : undefined}>{s.values?.reason ?? ''}</textarea>
          <FieldError v={v} id="f-reason-err" error={s.errors?.reason} />
        </div>
        <button class="btn danger" type="submit">{t('me.reopen.submit')}</button>
      </form>
    </section>
  );
}

/** In place of a box whose action no longer applies (e.g. rated in another tab): the reason, no form. */
export function BoxRefusal(props: { v: ViewCtx; id: string; error: Msg }) {
  return (
    <section class="card" id={props.id}>
      <FormError t={props.v.t} error={props.error} />
    </section>
  );
}
