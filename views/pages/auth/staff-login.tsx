// Staff sign-in form (#staff-login); the password is never sent back to the page.
import { Field, FormError, type FieldErrors } from '../../components/field';
import type { Msg } from '../../../src/domain/errors';
import type { Translate } from '../../../src/i18n/messages';

export function StaffLoginForm(props: { t: Translate; username?: string; next: string; errors?: FieldErrors; formError?: Msg }) {
  const { t } = props;
  return (
    <section id="staff-login" class="card">
      <h1>{t('staffLogin.title')}</h1>
      <FormError t={t} error={props.formError} />
      <form method="post" action="/staff/login" hx-post="/staff/login" hx-target="#staff-login" hx-swap="outerHTML" novalidate>
        <input type="hidden" name="next" value={props.next} />
        <Field t={t} name="username" label={t('staffLogin.username')} value={props.username} errors={props.errors}
          autocomplete="username" maxlength={64} required autofocus />
        <Field t={t} name="password" label={t('staffLogin.password')} type="password" errors={props.errors}
          autocomplete="current-password" maxlength={256} required />
        <button class="btn primary" type="submit">{t('staffLogin.submit')}</button>
      </form>
    </section>
  );
}
