// Opening a notification marks it read and says where it points; someone else's notification is "not found".
import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { notifications } from '../../db/schema';
import { notFound } from '../errors';

export async function openNotification(db: DbOrTx, userId: number, rawId: string, now = new Date()) {
  if (!/^\d{1,15}$/.test(rawId)) throw notFound();
  const id = Number(rawId);
  const [n] = await db.select().from(notifications).where(and(eq(notifications.id, id), eq(notifications.userId, userId)));
  if (!n) throw notFound();
  // Only the first opening sets the time: "read at" stays the moment the user first saw it.
  if (!n.readAt) await db.update(notifications).set({ readAt: now }).where(and(eq(notifications.id, id), isNull(notifications.readAt)));
  // Links are written by this app, but a same-site path is checked anyway before it becomes a redirect.
  const link = n.link && /^\/(?![/\\])/.test(n.link) ? n.link : null;
  return { notification: { ...n, readAt: n.readAt ?? now }, link };
}
