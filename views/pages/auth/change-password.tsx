// Change-password form (#password-form); shown first after an admin reset or a one-time password.
import { Field, FormError, type FieldErrors } from '../../components/field';
import type { Msg } from '../../../src/domain/errors';
import type { Translate } from '../../../src/i18n/messages';

export function ChangePasswordForm(props: { t: Translate; mustChange: boolean; errors?: FieldErrors; formError?: Msg; done?: boolean }) {
  const { t } = props;
  return (
    <section id="password-form" class="card">
      <h1>{t('password.title')}</h1>
      {props.mustChange && <p class="banner warn">{t('password.mustChange')}</p>}
      {props.done && <p class="banner ok" role="status">{t('password.changed')}</p>}
      <FormError t={t} error={props.formError} />
      <form method="post" action="/account/password" hx-post="/account/password" hx-target="#password-form" hx-swap="outerHTML" novalidate>
        <Field t={t} name="currentPassword" label={t('password.current')} type="password" errors={props.errors} autocomplete="current-password" required />
        <Field t={t} name="newPassword" label={t('password.new')} hint={t('password.newHint')} type="password" errors={props.errors} autocomplete="new-password" required />
        <Field t={t} name="confirmPassword" label={t('password.confirm')} type="password" errors={props.errors} autocomplete="new-password" required />
        <button class="btn primary" type="submit">{t('password.submit')}</button>
      </form>
    </section>
  );
}
