// The end of the report form: "submit" for a signed-in resident, else phone sign-in inside the same form, so nothing typed is lost.
import type { Translate } from '../../../src/i18n/messages';
import type { Msg } from '../../../src/domain/errors';
import { Field, FormError, type FieldErrors } from '../../components/field';

export type SignInState =
  | { state: 'signedIn'; maskedPhone: string }
  | { state: 'phone'; phone?: string }
  | { state: 'code'; phone: string; maskedPhone: string; demoCode?: string; code?: string };

export function SignInStep(props: { t: Translate; s: SignInState; errors?: FieldErrors; error?: Msg }) {
  const { t, s } = props;
  if (s.state === 'signedIn') {
    return (
      <section class="card submit-box">
        {s.maskedPhone && <p class="muted">{t('report.signedInAs', { phone: s.maskedPhone })}</p>}
        <button class="btn primary" type="submit" name="step" value="submit">{t('report.submit')}</button>
      </section>
    );
  }
  return (
    <section class="card submit-box signin" id="signin" aria-labelledby="signin-title">
      <h2 id="signin-title">{t('report.signIn.title')}</h2>
      <p class="hint">{t('report.signIn.hint')}</p>
      <FormError t={t} error={props.error} />
      {s.state === 'phone' ? (
        <>
          <Field t={t} name="phone" label={t('login.phone')} hint={t('login.phoneHint')} value={s.phone} errors={props.errors}
            type="tel" inputmode="tel" autocomplete="tel" maxlength={20} />
          <button class="btn primary" type="submit" name="step" value="code">{t('report.signIn.sendCode')}</button>
        </>
      ) : (
        <>
          <input type="hidden" name="phone" value={s.phone} />
          <input type="hidden" name="codeSent" value="1" />
          <p>
            {t('login.codeSentTo')} <strong>{s.maskedPhone}</strong>
          </p>
          {s.demoCode && (
            <p class="banner info" data-demo-code={s.demoCode}>
              {t('login.demoCode')} <strong class="code">{s.demoCode}</strong>
            </p>
          )}
          <Field t={t} name="code" label={t('login.code')} hint={t('login.codeHint')} value={s.code} errors={props.errors}
            inputmode="numeric" autocomplete="one-time-code" maxlength={6} pattern="[0-9]{6}" autofocus />
          <button class="btn primary" type="submit" name="step" value="submit">{t('report.signIn.submit')}</button>
          <button class="btn" type="submit" name="step" value="code">{t('report.signIn.resend')}</button>
          <button class="link" type="submit" name="step" value="phone">{t('report.signIn.changePhone')}</button>
        </>
      )}
    </section>
  );
}
