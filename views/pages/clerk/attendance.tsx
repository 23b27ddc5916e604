// 签到名单 of one course session: tick each resident who came (or scan their voucher at /clerk); no JavaScript needed.
import type { Msg } from '../../../src/domain/errors';
import type { AttendanceList } from '../../../src/domain/rewards/list-attendance';
import { Notice } from '../../components/confirm';
import type { ViewCtx } from '../../view-ctx';
import { fmtTime } from '../me/format';
import { StatusBadge } from '../rewards/voucher';

export function AttendancePage(props: { v: ViewCtx; list: AttendanceList; notice?: string; error?: Msg }) {
  const { v, list } = props;
  const { t } = v;
  const s = list.session;
  return (
    <section class="card" id="attendance">
      <Notice text={props.notice} />
      <h1>{t('attend.title')} · {s.itemName}</h1>
      <p class="muted">{fmtTime(v, s.startsAt)} · {s.place} · {t('catalog.booked', { n: s.seats - s.seatsLeft, seats: s.seats })}</p>
      {props.error && <p class="form-error" role="alert">{t(props.error.key, props.error.params)}</p>}
      {list.rows.length === 0 ? <p class="empty">{t('attend.none')}</p> : (
        <ul class="list">
          {list.rows.map((r) => (
            <li class="row" data-attendee={r.voucherId}>
              <span>{r.resident} <StatusBadge v={v} status={r.status} /></span>
              {r.status === 'pending' && (
                <form method="post" action={`/clerk/sessions/${s.id}/attend/${r.voucherId}`}>
                  <button class="btn small primary" type="submit">{t('attend.tick')}</button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      <p><a href={`/clerk?community=${s.communityId}`}>{t('clerk.title')}</a></p>
    </section>
  );
}
