// One shift or activity for the organiser: who signed up (and waits), their check-ins and credit; cancel it with a notice.
import type { Msg } from '../../../src/domain/errors';
import type { LivePatrol } from '../../../src/domain/patrols/live-patrol';
import type { MessageKey } from '../../../src/i18n/messages';
import { FormError, type FieldErrors } from '../../components/field';
import type { ViewCtx } from '../../view-ctx';
import { ShiftTime } from '../patrols/shift-bits';

export interface RosterRow { label: string; status: string; creditStatus: string; minutes: number | null; points: number | null; scans: number }

export function OrganiserShiftPage(props: {
  v: ViewCtx; shift: LivePatrol[number]['shift']; roster: RosterRow[]; notice?: string; error?: Msg; errors?: FieldErrors; notice_?: string;
}) {
  const { v, shift } = props;
  const { t } = v;
  return (
    <>
      <p><a href="/organiser">{t('org.back')}</a></p>
      {props.notice && <p class="banner ok" role="status">{props.notice}</p>}
      <section class="card" id="org-shift">
        <h1>{shift.title}</h1>
        <p><ShiftTime v={v} startsAt={shift.startsAt} endsAt={shift.endsAt} /></p>
        <p class="muted">{t('shift.placesValue', { n: shift.confirmedCount, cap: shift.capacity })}</p>
        {shift.status === 'cancelled' && <p class="banner warn">{t('shift.cancelledNotice', { notice: shift.cancelNotice ?? '' })}</p>}
        <table class="pt">
          <thead><tr><th>{t('org.col.person')}</th><th>{t('org.col.state')}</th><th>{t('org.col.scans')}</th><th>{t('org.col.credit')}</th></tr></thead>
          <tbody>
            {props.roster.map((r) => (
              <tr>
                <td>{r.label}</td>
                <td>{t(`org.signup.${r.status}` as MessageKey)}</td>
                <td>{r.scans}</td>
                <td>{t(`credit.${r.creditStatus}` as MessageKey, { n: r.points ?? 0 })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {shift.status === 'scheduled' && (
        <section class="card" id="cancel-shift">
          <h2>{t('org.cancelShift')}</h2>
          <FormError t={t} error={props.error} />
          <form method="post" action={`/organiser/shifts/${shift.id}/cancel`} novalidate>
            <div class={props.errors?.notice ? 'field has-error' : 'field'}>
              <label for="f-notice">{t('org.cancelNotice')}</label>
              <textarea id="f-notice" name="notice" rows={2} maxlength={200}></textarea>
              {props.errors?.notice && <p class="error" role="alert">{t(props.errors.notice.key, props.errors.notice.params)}</p>}
            </div>
            <button class="btn danger" type="submit">{t('org.cancelSubmit')}</button>
          </form>
        </section>
      )}
    </>
  );
}
