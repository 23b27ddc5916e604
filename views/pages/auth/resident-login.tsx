// Resident sign-in in two steps inside one box (#login-box): phone number, then the 6-digit code.
import { Field, FormError, type FieldErrors } from '../../components/field';
import type { Msg } from '../../../src/domain/errors';
import type { Translate } from '../../../src/i18n/messages';

const hx = (url: string) => ({ 'hx-post': url, 'hx-target': '#login-box', 'hx-swap': 'outerHTML' });

export function PhoneStep(props: { t: Translate; phone?: string; next: string; errors?: FieldErrors; formError?: Msg }) {
  const { t } = props;
  return (
    <section id="login-box" class="card">
      <h1>{t('login.title')}</h1>
      <FormError t={t} error={props.formError} />
      <form method="post" action="/login/code" {...hx('/login/code')} novalidate>
        <input type="hidden" name="next" value={props.next} />
        <Field t={t} name="phone" label={t('login.phone')} hint={t('login.phoneHint')} value={props.phone} errors={props.errors}
          type="tel" inputmode="tel" autocomplete="tel" maxlength={20} required autofocus />
        <button class="btn primary" type="submit">{t('login.sendCode')}</button>
      </form>
    </section>
  );
}

export function CodeStep(props: {
  t: Translate;
  phone: string;
  maskedPhone: string;
  next: string;
  demoCode?: string;
  code?: string;
  errors?: FieldErrors;
  formError?: Msg;
}) {
  const { t } = props;
  return (
    <section id="login-box" class="card">
      <h1>{t('login.title')}</h1>
      <p>
        {t('login.codeSentTo')} <strong>{props.maskedPhone}</strong>
      </p>
      {props.demoCode && (
        <p class="banner info" data-demo-code={props.demoCode}>
          {t('login.demoCode')} <strong class="code">{props.demoCode}</strong>
        </p>
      )}
      <FormError t={t} error={props.formError} />
      <form method="post" action="/login/verify" {...hx('/login/verify')} novalidate>
        <input type="hidden" name="phone" value={props.phone} />
        <input type="hidden" name="next" value={props.next} />
        <Field t={t} name="code" label={t('login.code')} hint={t('login.codeHint')} value={props.code} errors={props.errors}
          inputmode="numeric" autocomplete="one-time-code" maxlength={6} pattern="[0-9]{6}" required autofocus />
        <button class="btn primary" type="submit">{t('login.submit')}</button>
      </form>
      <form method="post" action="/login/code" {...hx('/login/code')}>
        <input type="hidden" name="phone" value={props.phone} />
        <input type="hidden" name="next" value={props.next} />
        <button class="btn" type="submit">{t('login.resend')}</button>
      </form>
      <p>
        <a href={`/login?next=${encodeURIComponent(props.next)}`}>{t('login.changePhone')}</a>
      </p>
    </section>
  );
}
