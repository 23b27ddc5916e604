// Leader mode: the leader's phone shows a QR code and its 6 digits, refreshed by htmx every 5 s (a new code every 30 s);
// members who scan it land on a one-button page that checks them in with the leader.
import type { ViewCtx } from '../../view-ctx';

export function LeaderCodeBox(props: { v: ViewCtx; shiftId: number; code: string; secondsLeft: number; qrDataUrl: string }) {
  const { t } = props.v;
  const poll = { 'hx-get': `/shifts/${props.shiftId}/leader/code`, 'hx-trigger': 'every 5s', 'hx-swap': 'outerHTML' };
  return (
    <div id="leader-code" {...poll} class="center">
      <img src={props.qrDataUrl} alt={t('leader.qrAlt')} width={240} height={240} />
      <p class="points-big" data-code={props.code}>{props.code}</p>
      <p class="muted">{t('leader.changes', { s: props.secondsLeft })}</p>
    </div>
  );
}

export function LeaderPage(props: { v: ViewCtx; title: string; box: Parameters<typeof LeaderCodeBox>[0] }) {
  const { t } = props.v;
  return (
    <section class="card center" id="leader">
      <p><a href={`/shifts/${props.box.shiftId}`}>{t('shift.back')}</a></p>
      <h1>{t('leader.title')}</h1>
      <p>{props.title}</p>
      <p class="muted">{t('leader.intro')}</p>
      <LeaderCodeBox {...props.box} />
    </section>
  );
}

export function JoinLeaderPage(props: { v: ViewCtx; shiftId: string; code: string; title: string }) {
  const { t } = props.v;
  return (
    <section class="card center" id="join-leader">
      <h1>{t('leader.join')}</h1>
      <p>{t('leader.joinIntro', { title: props.title })}</p>
      <form method="post" action="/patrol/join">
        <input type="hidden" name="s" value={props.shiftId} />
        <input type="hidden" name="c" value={props.code} />
        <button class="btn primary" type="submit">{t('leader.join')}</button>
      </form>
    </section>
  );
}
