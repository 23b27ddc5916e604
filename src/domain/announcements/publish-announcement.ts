// Publishes an announcement from the staff form: checked against the publisher's rights, written with its grids and
// its audit row in one transaction, and its inbox delivery queued (in that transaction) for the moment it appears.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { announcementGrids, announcements, grids } from '../../db/schema';
import { recordJob } from '../../infra/jobs/record-job';
import type { StaffScope } from '../auth/staff-scope';
import { recordAudit } from '../audit/record-audit';
import { notFound } from '../errors';
import { readAnnouncementForm } from './announcement-form';
import { currentAnnouncementsCache } from './current-announcements';
import { publishRights } from './publish-rights';

export async function publishAnnouncement(
  db: Db,
  input: { actorId: number; scope: StaffScope; communityId: number; form: Record<string, string>; now?: Date; timeZone: string; ip?: string },
) {
  const now = input.now ?? new Date();
  const rights = publishRights(input.scope).find((r) => r.communityId === input.communityId);
  if (!rights) throw notFound();
  const communityGrids = await db.select({ id: grids.id }).from(grids).where(eq(grids.communityId, rights.communityId));
  const draft = readAnnouncementForm(input.form, { rights, communityGridIds: communityGrids.map((g) => g.id), now, timeZone: input.timeZone });
  const row = await db.transaction(async (tx) => {
    const { gridIds, ...fields } = draft;
    const [a] = await tx.insert(announcements).values({ communityId: rights.communityId, ...fields, createdBy: input.actorId, createdAt: now }).returning();
    if (gridIds.length) await tx.insert(announcementGrids).values(gridIds.map((gridId) => ({ announcementId: a.id, gridId })));
    await recordAudit(tx, { actorUserId: input.actorId, communityId: rights.communityId, action: 'announcement.publish', targetType: 'announcement', targetId: a.id, after: draft, ip: input.ip });
    await recordJob(tx, 'announcements.deliver', { announcementId: a.id }, { dedupeKey: `announcements.deliver:${a.id}`, runAfter: draft.publishAt });
    return a;
  });
  currentAnnouncementsCache.drop(rights.communityId);
  return row;
}
