// Which channels besides the inbox are on, and how a notification is handed to them (a `notifications.deliver` job).
import type { DbOrTx } from '../../db/client';
import { configSchema } from '../../config';
import { recordJob } from '../../infra/jobs/record-job';

let smsOn: boolean | undefined;

/**
 * NOTIFY_SMS (default off), parsed by its own field of the config schema: notify() runs deep inside other use cases'
 * transactions with no config at hand, and must not depend on the rest of the environment being valid (boot checked it).
 */
export function smsNotificationsEnabled(): boolean {
  smsOn ??= configSchema.shape.NOTIFY_SMS.parse(process.env.NOTIFY_SMS || undefined);
  return smsOn;
}

export async function queueChannelDelivery(tx: DbOrTx, notificationId: number): Promise<void> {
  // Nobody dispatches right after commit (notify runs inside other use cases): the outbox sweeper hands it to the
  // queue within about half a minute, which is fine for a text message.
  await recordJob(tx, 'notifications.deliver', { notificationId }, { dedupeKey: `notify:${notificationId}` });
}
