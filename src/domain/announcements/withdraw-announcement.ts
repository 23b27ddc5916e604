// Takes an announcement down before it expires (a mistake, a lifted alert): it leaves the scan and home pages at once;
// inbox messages already delivered stay, and their page says it was withdrawn. Audited; a second withdrawal changes nothing.
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { announcements } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { recordAudit } from '../audit/record-audit';
import { AppError, notFound } from '../errors';
import { currentAnnouncementsCache } from './current-announcements';
import { canManageAnnouncements } from './publish-rights';

export async function withdrawAnnouncement(db: Db, input: { actorId: number; scope: StaffScope; announcementId: number; now?: Date; ip?: string }) {
  const now = input.now ?? new Date();
  const [a] = await db.select().from(announcements).where(eq(announcements.id, input.announcementId)).limit(1);
  if (!a || !canManageAnnouncements(input.scope, a.communityId)) throw notFound();
  const changed = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(announcements)
      .set({ withdrawnAt: now, withdrawnBy: input.actorId })
      .where(and(eq(announcements.id, a.id), isNull(announcements.withdrawnAt)))
      .returning();
    if (!row) return null;
    await recordAudit(tx, { actorUserId: input.actorId, communityId: a.communityId, action: 'announcement.withdraw', targetType: 'announcement', targetId: a.id, before: { title: a.title }, ip: input.ip });
    return row;
  });
  if (!changed) throw new AppError('conflict', 'ann.err.alreadyWithdrawn');
  currentAnnouncementsCache.drop(a.communityId);
  return changed;
}
