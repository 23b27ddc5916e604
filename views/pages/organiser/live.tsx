// Tonight's patrol, live: the board is its own partial, re-fetched by htmx every 10 s (the page works without it too).
import type { LivePatrol } from '../../../src/domain/patrols/live-patrol';
import type { MessageKey } from '../../../src/i18n/messages';
import type { ViewCtx } from '../../view-ctx';
import { fmtTime } from '../me/format';
import { localParts } from '../../../src/domain/patrols/shift-format';
import { ShiftTime } from '../patrols/shift-bits';

const hm = (v: ViewCtx, d: Date) => localParts(d, v.timeZone ?? 'Asia/Shanghai').hm;

export function LiveBoard(props: { v: ViewCtx; live: LivePatrol; at: Date }) {
  const { v, live } = props;
  const { t } = v;
  const poll = { 'hx-get': '/organiser/live/board', 'hx-trigger': 'every 10s', 'hx-swap': 'outerHTML' };
  return (
    <div id="live-board" {...poll}>
      <p class="muted">{t('org.live.updated', { at: fmtTime(v, props.at) })}</p>
      {live.length === 0 && <p class="empty">{t('org.live.none')}</p>}
      {live.map((s) => (
        <section class="card" data-live-shift={s.shift.id}>
          <h2>{s.shift.title}</h2>
          <p><ShiftTime v={v} startsAt={s.shift.startsAt} endsAt={s.shift.endsAt} /> · {s.teamName ?? t('shifts.everyone')}</p>
          <p><strong>{t('org.live.out', { n: s.out, total: s.members.length })}</strong></p>
          <ul class="list">
            {s.members.map((m) => (
              <li data-live-member={m.id}>
                <span class="item-head">
                  <strong>{m.label}</strong>
                  {m.outAt ? <span class="badge">{t('org.live.done')}</span> : m.inAt ? <span class="badge active">{t('org.live.onRoute')}</span> : <span class="badge replaced">{t('org.live.notYet')}</span>}
                  {m.flags.map((f) => <span class="tag">{t(`flag.${f}` as MessageKey)}</span>)}
                </span>
                {m.scans.length > 0 && (
                  <span class="muted">{m.scans.map((x) => `${x.place ?? t('org.live.leader')} ${hm(v, x.at)}`).join(' → ')}</span>
                )}
                {s.route.length > 0 && <span class="muted"> · {t('org.live.progress', { n: m.scans.filter((x) => x.placeId !== null).length, total: s.route.length })}</span>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

export function LivePage(props: { v: ViewCtx; live: LivePatrol; at: Date }) {
  const { t } = props.v;
  return (
    <>
      <p><a href="/organiser">{t('org.back')}</a></p>
      <h1>{t('org.live')}</h1>
      <LiveBoard {...props} />
    </>
  );
}
