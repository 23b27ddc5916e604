// The progress line (已受理 → … → 已办结) and the item's public history, newest first. Private notes never reach here.
import type { MessageKey } from '../../../src/i18n/messages';
import type { MySubmission } from '../../../src/domain/submissions/get-my-submission';
import type { ViewCtx } from '../../view-ctx';
import { fmtTime, stars } from './format';

export function ProgressSteps(props: { v: ViewCtx; steps: MySubmission['steps'] }) {
  const { t } = props.v;
  return (
    <ol class="steps" aria-label={t('me.detail.progress')}>
      {props.steps.map((s) => (
        <li class={`step ${s.state}`} aria-current={s.state === 'current' ? 'step' : undefined}>
          <span class="dot" aria-hidden="true" />
          <span>{t(`status.${s.status}`)}</span>
        </li>
      ))}
    </ol>
  );
}

type Ev = MySubmission['events'][number];

function eventTitle(v: ViewCtx, e: Ev, rating: number | null, escalations: Map<number, number>): string {
  const { t } = v;
  switch (e.kind) {
    case 'status':
      return e.toStatus === 'received' ? t('me.event.submitted') : t('me.event.status', { status: e.toStatus ? t(`status.${e.toStatus}`) : '' });
    case 'reply':
      return t('me.event.reply');
    case 'rating':
      return t('me.event.rating', { stars: rating ? stars(rating) : '' });
    case 'reopen':
      return t('me.event.reopen');
    case 'offer': {
      // The body of an offer event names its step (see OFFER_STEP); the page words it.
      const key = `me.event.offer.${e.body}` as MessageKey;
      return t(key) === key ? t('me.event.offer.offered') : t(key);
    }
    // Console actions (src/domain/console): the nth escalation reached tier n + 1; merge names the original; mediation its tier.
    case 'escalate':
      return t('act.event.escalate', { tier: t(`act.tier.${Math.min(3, 1 + (escalations.get(e.id) ?? 1))}` as MessageKey) });
    case 'merge':
      return t('act.event.merge', { no: e.body ?? '' });
    case 'route':
      return t('me.event.route', { dept: e.body ?? '' });
    case 'mediation':
      return t('act.event.mediation', { tier: t(`act.tier.${/^[123]$/.test(e.body ?? '') ? e.body : 1}` as MessageKey) });
    default:
      return '';
  }
}

export function History(props: { v: ViewCtx; item: MySubmission['item']; events: MySubmission['events'] }) {
  const { v } = props;
  const hasReceived = props.events.some((e) => e.kind === 'status' && e.toStatus === 'received');
  const escalations = new Map(props.events.filter((e) => e.kind === 'escalate').map((e, i) => [e.id, i + 1]));
  // Items get no event for being received (the row itself says when): show one, so the history starts where the resident did.
  const shown: { key: string; title: string; body: string | null; at: Date; kind: string }[] = props.events.map((e) => ({
    key: String(e.id),
    title: eventTitle(v, e, props.item.rating, escalations),
    body: e.kind === 'offer' || e.kind === 'merge' || e.kind === 'mediation' || e.kind === 'route' ? null : e.body,
    at: e.createdAt,
    kind: e.kind,
  }));
  if (!hasReceived) shown.unshift({ key: 'submitted', title: v.t('me.event.submitted'), body: null, at: props.item.createdAt, kind: 'status' });
  return (
    <ol class="timeline" id="history">
      {shown.reverse().map((e) => (
        <li class={`ev ev-${e.kind}`} data-event={e.key}>
          <time class="muted">{fmtTime(v, e.at)}</time>
          <strong>{e.title}</strong>
          {e.body && <p class="ev-body">{e.body}</p>}
        </li>
      ))}
    </ol>
  );
}
