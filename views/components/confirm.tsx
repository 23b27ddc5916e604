// A page that asks before a destructive action (no JavaScript needed); when the action is blocked it says why instead.
import type { Child } from 'hono/jsx';
import type { Msg } from '../../src/domain/errors';
import type { Translate } from '../../src/i18n/messages';

export function ConfirmAction(props: {
  t: Translate;
  title: string;
  question: string;
  action: string;
  button: string;
  cancelHref: string;
  /** Why it cannot be done now (e.g. still in use); the button is then left out. */
  blocked?: Msg;
  danger?: boolean;
  children?: Child;
}) {
  const { t } = props;
  return (
    <section class="card">
      <h1>{props.title}</h1>
      {props.children}
      {props.blocked ? (
        <>
          <p class="form-error" role="alert">{t(props.blocked.key, props.blocked.params)}</p>
          <a class="btn" href={props.cancelHref}>{t('common.back')}</a>
        </>
      ) : (
        <form method="post" action={props.action}>
          <p>{props.question}</p>
          <button class={props.danger === false ? 'btn' : 'btn danger'} type="submit">{props.button}</button>
          <a class="btn" href={props.cancelHref}>{t('common.cancel')}</a>
        </form>
      )}
    </section>
  );
}

/** A success or info line at the top of a page. */
export const Notice = (props: { text?: string }) => (props.text ? <p class="banner ok" role="status" id="notice">{props.text}</p> : null);
