// Hands one stored notification to the outside channels (run by the notifications.deliver job).
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { notifications } from '../../db/schema';
import type { NotificationChannel } from './notify';

export async function deliverNotification(db: DbOrTx, channels: NotificationChannel[], notificationId: number) {
  const [n] = await db.select().from(notifications).where(eq(notifications.id, notificationId));
  if (!n) return { delivered: [] as string[], reason: 'missing' };
  // Already read in the app by the time the job runs (e.g. the sweeper was slow): a text would only repeat it.
  if (n.readAt) return { delivered: [] as string[], reason: 'read' };
  const delivered: string[] = [];
  for (const ch of channels) {
    await ch.deliver({ id: n.id, userId: n.userId, kind: n.kind, title: n.title, body: n.body, link: n.link ?? undefined });
    delivered.push(ch.name);
  }
  return { delivered };
}
