// One shift for the person: when, where, places left; sign up / cancel; once there, the route with what was scanned,
// check-out, and the credit with a link to its ledger explanation.
import type { Msg } from '../../../src/domain/errors';
import type { getMyShift } from '../../../src/domain/patrols/my-shift';
import type { MessageKey } from '../../../src/i18n/messages';
import { FormError } from '../../components/field';
import type { ViewCtx } from '../../view-ctx';
import { fmtTime } from '../me/format';
import { hoursText, ShiftTime } from './shift-bits';

type Data = Awaited<ReturnType<typeof getMyShift>>;

export function MyShiftPage(props: { v: ViewCtx; data: Data; notice?: string; error?: Msg; leaderHref?: string }) {
  const { v, data } = props;
  const { t } = v;
  const s = data.shift;
  const su = data.signup;
  const scanned = new Set(data.scans.map((x) => x.placeId));
  const open = s.status === 'scheduled';
  return (
    <>
      {props.notice && <p class="banner ok" role="status">{props.notice}</p>}
      <FormError t={t} error={props.error} />
      <section class="card" id="my-shift" data-state={su?.status ?? 'none'}>
        <p><a href="/shifts">{t('shift.back')}</a></p>
        <h1>{s.title}</h1>
        <dl class="facts">
          <dt>{t('shift.time')}</dt>
          <dd><ShiftTime v={v} startsAt={s.startsAt} endsAt={s.endsAt} /></dd>
          <dt>{t('shift.team')}</dt>
          <dd>{data.teamName ?? t('shifts.everyone')}</dd>
          {data.placeName && (<><dt>{t('shift.place')}</dt><dd>{data.placeName}</dd></>)}
          <dt>{t('shift.places')}</dt>
          <dd>{t('shift.placesValue', { n: s.confirmedCount, cap: s.capacity })}</dd>
        </dl>
        {s.status === 'cancelled' && <p class="banner warn">{t('shift.cancelledNotice', { notice: s.cancelNotice ?? '' })}</p>}
        {s.description && <p>{s.description}</p>}
        {!su && open && (
          <form method="post" action={`/shifts/${s.id}/sign-up`}>
            <button class="btn primary" type="submit">{s.confirmedCount < s.capacity ? t('shift.signUp') : t('shift.joinWaitlist')}</button>
          </form>
        )}
        {su?.status === 'waitlisted' && <p class="banner info" id="waitlist">{t('shift.waitlisted', { n: data.position ?? 0 })}</p>}
        {su?.status === 'confirmed' && !su.checkedInAt && <p class="banner ok">{t(s.kind === 'patrol' ? 'shift.confirmedPatrol' : 'shift.confirmedActivity')}</p>}
        {su && !su.checkedInAt && open && (
          <form method="post" action={`/shifts/${s.id}/cancel`}>
            <button class="btn danger" type="submit">{t('shift.cancel')}</button>
          </form>
        )}
      </section>
      {data.route.length > 0 && (
        <section class="card" id="route">
          <h2>{t('shift.route', { n: data.route.length, min: s.minCheckpoints })}</h2>
          <ol class="route">
            {data.route.map((r) => (
              <li class={scanned.has(r.placeId) ? 'done' : ''} data-place={r.placeId}>
                {r.name} {scanned.has(r.placeId) && <span class="badge active">{t('shift.scanned')}</span>}
              </li>
            ))}
          </ol>
        </section>
      )}
      {su?.checkedInAt && (
        <section class="card" id="my-credit">
          <h2>{t('shift.myRecord')}</h2>
          <dl class="facts">
            <dt>{t('shift.checkedIn')}</dt>
            <dd>{fmtTime(v, su.checkedInAt)}</dd>
            {su.checkedOutAt && (<><dt>{t('shift.checkedOut')}</dt><dd>{fmtTime(v, su.checkedOutAt)}</dd></>)}
            {su.creditMinutes !== null && (<><dt>{t('shift.hours')}</dt><dd data-minutes={su.creditMinutes}>{t('shift.hoursValue', { h: hoursText(su.creditMinutes) })}</dd></>)}
            <dt>{t('shift.credit')}</dt>
            <dd data-credit={su.creditStatus}>
              {t(`credit.${su.creditStatus}` as MessageKey, { n: su.creditPoints ?? 0 })}
              {data.transferId && (<> · <a href={`/me/points/${data.transferId}`}>{t('shift.why')}</a></>)}
            </dd>
          </dl>
          {!su.checkedOutAt && su.creditStatus === 'pending' && (
            <form method="post" action={`/shifts/${s.id}/check-out`}>
              <button class="btn primary" type="submit">{t('shift.checkOut')}</button>
            </form>
          )}
        </section>
      )}
      {props.leaderHref && (
        <p><a class="btn" href={props.leaderHref}>{t('shift.leaderMode')}</a></p>
      )}
    </>
  );
}
