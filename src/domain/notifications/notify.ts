// Puts a message in a user's in-app inbox (idempotent by key) and hands it to the optional channels (SMS, off by default).
import type { DbOrTx } from '../../db/client';
import { notifications } from '../../db/schema';
import { queueChannelDelivery, smsNotificationsEnabled } from './channels';

export interface NotificationInput {
  userId: number;
  kind: string;
  title: string;
  body?: string;
  link?: string;
  /** e.g. `status:123:accepted`; the same key never notifies twice (jobs may run again). */
  dedupeKey?: string;
}

/** A delivery channel besides the inbox; SMS goes through the SMS provider interface and is off unless configured. */
export interface NotificationChannel {
  readonly name: string;
  deliver(n: NotificationInput & { id: number }): Promise<void>;
}

export async function notify(db: DbOrTx, input: NotificationInput): Promise<number | null> {
  const [row] = await db
    .insert(notifications)
    .values({ userId: input.userId, kind: input.kind, title: input.title, body: input.body ?? '', link: input.link ?? null, dedupeKey: input.dedupeKey ?? null })
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning({ id: notifications.id });
  if (row) await handToChannels(db, row.id);
  return row?.id ?? null;
}

/**
 * Hands an inbox row to the outside channels. Channels run later from a job written in the caller's transaction: a
 * rollback sends nothing, a commit always sends — so a use case that writes the inbox row in a statement of its own
 * (verification) calls this in the same transaction when channelsNeedTransaction() says so.
 */
export async function handToChannels(db: DbOrTx, notificationId: number): Promise<void> {
  if (smsNotificationsEnabled()) await queueChannelDelivery(db, notificationId);
}

/** Whether handToChannels writes anything (text messages on): only then must the inbox row and it share a transaction. */
export const channelsNeedTransaction = (): boolean => smsNotificationsEnabled();
