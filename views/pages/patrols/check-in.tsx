// The page a checkpoint or activity poster opens: what this scan will record, and one big button. The optional script
// adds the phone's location to the form (only when the resident allows it); without it the check-in still works.
import type { Msg } from '../../../src/domain/errors';
import { FormError } from '../../components/field';
import type { ViewCtx } from '../../view-ctx';

export function CheckInPage(props: { v: ViewCtx; qr: string; placeName: string; kind: 'patrol' | 'activity'; scriptSrc: string; error?: Msg; checkOutShiftId?: number | null }) {
  const { v } = props;
  const { t } = v;
  return (
    <section class="card center" id="check-in">
      <h1>{t(props.kind === 'patrol' ? 'checkin.titlePatrol' : 'checkin.titleActivity')}</h1>
      <p class="points-big">{props.placeName}</p>
      <FormError t={t} error={props.error} />
      <form method="post" action={props.kind === 'patrol' ? '/patrol/check-in' : '/events/check-in'} id="check-in-form">
        <input type="hidden" name="qr" value={props.qr} />
        <input type="hidden" name="lat" value="" />
        <input type="hidden" name="lng" value="" />
        <button class="btn primary" type="submit">{t('checkin.submit')}</button>
      </form>
      <p class="muted">{t('checkin.location')}</p>
      {props.checkOutShiftId && (
        <form method="post" action={`/shifts/${props.checkOutShiftId}/check-out`} id="check-out-form">
          <p>{t('checkin.orCheckOut')}</p>
          <button class="btn" type="submit">{t('shift.checkOut')}</button>
        </form>
      )}
      <script src={props.scriptSrc} nonce={v.nonce} defer></script>
    </section>
  );
}
