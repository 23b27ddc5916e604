// The inbox: the user's notifications, newest first, 20 per page, with how many are unread.
import { count, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { notifications } from '../../db/schema';
import { offsetOf, RESIDENT_PAGE_SIZE, residentPaged } from '../submissions/resident-page';
import { countUnread } from './count-unread';

export async function listNotifications(db: DbOrTx, userId: number, page: number) {
  const mine = eq(notifications.userId, userId);
  const [{ n }] = await db.select({ n: count() }).from(notifications).where(mine);
  const rows = await db
    .select({ id: notifications.id, kind: notifications.kind, title: notifications.title, body: notifications.body, link: notifications.link, readAt: notifications.readAt, createdAt: notifications.createdAt })
    .from(notifications)
    .where(mine)
    .orderBy(desc(notifications.id))
    .limit(RESIDENT_PAGE_SIZE)
    .offset(offsetOf(page));
  return { ...residentPaged(rows, n, page), unread: await countUnread(db, userId) };
}

export type InboxRow = Awaited<ReturnType<typeof listNotifications>>['rows'][number];
