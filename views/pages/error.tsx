// The body of every error page and htmx error partial: what happened, in plain words, and a way home.
import type { Translate } from '../../src/i18n/messages';

export function ErrorBody(props: { t: Translate; status: number; message: string }) {
  return (
    <section class="card error-page" id="error" role="alert">
      <p class="status">{props.status}</p>
      <h1>{props.t('error.title')}</h1>
      <p>{props.message}</p>
      <p>
        <a class="btn" href="/">{props.t('common.backHome')}</a>
      </p>
    </section>
  );
}
