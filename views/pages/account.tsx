// "我的": who is signed in, sign out here or everywhere, and (staff) change password.
import { Notice } from '../components/confirm';
import { Field, type FieldErrors } from '../components/field';
import type { ViewCtx } from '../view-ctx';

export function AccountPage(props: {
  v: ViewCtx;
  maskedPhone?: string;
  username?: string;
  /** Residents only: the 称呼 form's value, errors, and whether it was just saved. */
  name?: { value: string; errors?: FieldErrors; saved?: boolean };
  ranking?: { optOut: boolean; saved?: boolean };
}) {
  const { t, user } = props.v;
  return (
    <section class="card">
      <h1>{t('account.title')}</h1>
      <dl class="facts">
        {props.maskedPhone && (
          <>
            <dt>{t('account.phone')}</dt>
            <dd>{props.maskedPhone}</dd>
          </>
        )}
        {props.username && (
          <>
            <dt>{t('staffLogin.username')}</dt>
            <dd>{props.username}</dd>
          </>
        )}
        {user?.roles.length ? (
          <>
            <dt>{t('staff.roles')}</dt>
            <dd>{user.roles.map((r) => t(`role.${r}`)).join('、')}</dd>
          </>
        ) : null}
      </dl>
      {props.name && (
        <form method="post" action="/account/name" class="stack">
          <Notice text={props.name.saved ? t('account.name.saved') : undefined} />
          <Field t={t} name="displayName" label={t('account.name')} hint={t('account.name.hint')} value={props.name.value} errors={props.name.errors} maxlength={40} autocomplete="nickname" />
          <button class="btn" type="submit">
            {t('account.name.save')}
          </button>
        </form>
      )}
      {props.ranking && (
        <form method="post" action="/account/ranking" class="stack" id="ranking">
          <Notice text={props.ranking.saved ? t('account.ranking.saved') : undefined} />
          <h2>{t('account.ranking')}</h2>
          <p class="hint">{t('account.ranking.hint')}</p>
          <label class="check"><input type="checkbox" name="optOut" value="1" checked={props.ranking.optOut} /> {t('account.ranking.optOut')}</label>
          <button class="btn" type="submit">{t('account.ranking.save')}</button>
        </form>
      )}
      {user?.kind === 'resident' && (
        <p>
          <a class="btn" href="/me/points">{t('points.ledger.link')}</a>
        </p>
      )}
      {user?.kind === 'staff' && (
        <p>
          <a class="btn" href="/account/password">{t('account.changePassword')}</a>
        </p>
      )}
      <form method="post" action="/logout">
        <button class="btn" type="submit">{t('nav.signOut')}</button>
      </form>
      <form method="post" action="/logout/everywhere">
        <p class="hint">{t('account.signOutEverywhereHint')}</p>
        <button class="btn danger" type="submit">{t('account.signOutEverywhere')}</button>
      </form>
    </section>
  );
}
