// Pure: what a notification says, in the reader's language; the inbox and the SMS channel both use it.
import type { MessageKey, Translate } from '../../i18n/messages';
import { SUBMISSION_STATUSES } from '../../db/schema';

/** Kinds written by this codebase besides `status.<status>`; anything else shows its stored title. */
export const NOTIFICATION_KINDS = {
  reply: 'notify.reply',
  'wish.offered': 'notify.wishOffered',
  'wish.accepted': 'notify.wishAccepted',
  'wish.helperAssigned': 'notify.wishHelperAssigned',
  'wish.declined': 'notify.wishDeclined',
  'wish.fulfilled': 'notify.wishFulfilled',
  'wish.fulfilledAuthor': 'notify.wishFulfilledAuthor',
  'escalate.2': 'act.notify.escalate2',
  'escalate.3': 'act.notify.escalate3',
  'points.expiring': 'expiry.remind.title',
  'patrol.promoted': 'notify.patrolPromoted',
  'patrol.cancelled': 'notify.patrolCancelled',
  'patrol.reminder': 'notify.patrolReminder',
  'team.joined': 'notify.teamJoined',
  'team.declined': 'notify.teamDeclined',
  'announcement.notice': 'ann.notify.notice',
  'announcement.police': 'ann.notify.police',
} as const satisfies Record<string, MessageKey>;

export function notificationText(t: Translate, n: { kind: string; title: string; body: string }): { heading: string; text: string } {
  const status = n.kind.startsWith('status.') ? n.kind.slice('status.'.length) : null;
  if (status && (SUBMISSION_STATUSES as readonly string[]).includes(status)) {
    return { heading: t('notify.status', { no: n.title, status: t(`status.${status}` as MessageKey) }), text: n.body };
  }
  const key = NOTIFICATION_KINDS[n.kind as keyof typeof NOTIFICATION_KINDS];
  if (key) return { heading: t(key, { no: n.title }), text: n.body };
  return { heading: n.title, text: n.body };
}

/** One SMS: product name, heading, and the start of the text (long texts are cut; the inbox has the whole message). */
export function smsText(t: Translate, n: { kind: string; title: string; body: string }): string {
  const { heading, text } = notificationText(t, n);
  const chars = Array.from(text);
  const tail = chars.length > 60 ? `${chars.slice(0, 60).join('')}…` : text;
  return `【${t('app.name')}】${heading}${tail ? `:${tail}` : ''}`;
}
