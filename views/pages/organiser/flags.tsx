// Flag review: why each credit waits, and accept (credited through the ledger) or void (never counted).
import type { listFlags } from '../../../src/domain/patrols/review-flags';
import type { MessageKey } from '../../../src/i18n/messages';
import type { ViewCtx } from '../../view-ctx';
import { ShiftTime, hoursText } from '../patrols/shift-bits';

export function FlagsPage(props: { v: ViewCtx; flags: Awaited<ReturnType<typeof listFlags>>; notice?: string }) {
  const { v } = props;
  const { t } = v;
  return (
    <>
      <p><a href="/organiser">{t('org.back')}</a></p>
      {props.notice && <p class="banner ok" role="status">{props.notice}</p>}
      <section class="card" id="flags">
        <h1>{t('org.flagsTitle')}</h1>
        <p class="muted">{t('org.flagsIntro')}</p>
        {props.flags.length === 0 ? <p class="empty">{t('org.noFlags')}</p> : (
          <ul class="list">
            {props.flags.map((f) => (
              <li data-flag={f.signup.id}>
                <p class="item-head"><strong>{f.label}</strong> {f.signup.flags.map((x) => <span class="tag">{t(`flag.${x}` as MessageKey)}</span>)}</p>
                <p class="muted">{f.shift.title} · <ShiftTime v={v} startsAt={f.shift.startsAt} endsAt={f.shift.endsAt} /> · {t('shift.hoursValue', { h: hoursText(f.signup.creditMinutes ?? 0) })}</p>
                <p class="btn-row">
                  <form method="post" action={`/organiser/flags/${f.signup.id}/accept`}><button class="btn small" type="submit">{t('org.flag.accept')}</button></form>
                  <form method="post" action={`/organiser/flags/${f.signup.id}/void`}><button class="btn small danger" type="submit">{t('org.flag.void')}</button></form>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
