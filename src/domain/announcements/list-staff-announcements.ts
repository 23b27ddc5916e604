// The announcements page for staff: every announcement of the communities where they may publish, newest first,
// 20 a page, with its audience (grid names) and state; and what the publish form offers them.
import { and, count, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { announcementGrids, announcements, grids, users } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { announcementState, type AnnouncementState } from './get-announcement';
import { publishRights, type PublishRights } from './publish-rights';

export const ANNOUNCEMENTS_PAGE_SIZE = 20;

export interface StaffAnnouncementRow {
  id: number;
  communityName: string;
  kind: 'notice' | 'police';
  title: string;
  publishAt: Date;
  expiresAt: Date;
  state: AnnouncementState;
  gridNames: string[];
  authorName: string;
  deliveredCount: number;
}

export async function listStaffAnnouncements(db: DbOrTx, input: { scope: StaffScope; page: number; now?: Date }) {
  const now = input.now ?? new Date();
  const rights = publishRights(input.scope);
  const ids = rights.map((r) => r.communityId);
  if (!ids.length) return { rights, rows: [] as StaffAnnouncementRow[], total: 0, page: 1, pages: 1 };
  const where = inArray(announcements.communityId, ids);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select({ a: announcements, authorName: users.displayName, authorUsername: users.username })
      .from(announcements)
      .innerJoin(users, eq(users.id, announcements.createdBy))
      .where(where)
      .orderBy(desc(announcements.publishAt), desc(announcements.id))
      .limit(ANNOUNCEMENTS_PAGE_SIZE)
      .offset((input.page - 1) * ANNOUNCEMENTS_PAGE_SIZE),
    db.select({ n: count() }).from(announcements).where(where),
  ]);
  const links = rows.length
    ? await db
        .select({ announcementId: announcementGrids.announcementId, name: grids.name })
        .from(announcementGrids)
        .innerJoin(grids, eq(grids.id, announcementGrids.gridId))
        .where(inArray(announcementGrids.announcementId, rows.map((r) => r.a.id)))
    : [];
  const communityName = new Map(rights.map((r) => [r.communityId, r.communityName]));
  const total = Number(n);
  return {
    rights,
    total,
    page: input.page,
    pages: Math.max(1, Math.ceil(total / ANNOUNCEMENTS_PAGE_SIZE)),
    rows: rows.map(({ a, authorName, authorUsername }) => ({
      id: a.id,
      communityName: communityName.get(a.communityId) ?? '',
      kind: a.kind,
      title: a.title,
      publishAt: a.publishAt,
      expiresAt: a.expiresAt,
      state: announcementState(a, now),
      gridNames: links.filter((l) => l.announcementId === a.id).map((l) => l.name),
      authorName: authorName || authorUsername || '',
      deliveredCount: a.deliveredCount,
    })),
  };
}

/** What the publish form offers in one community: the kinds allowed and, per kind, the grids (all when community-wide). */
export async function publishFormOptions(db: DbOrTx, rights: PublishRights) {
  const all = await db.select({ id: grids.id, code: grids.code, name: grids.name }).from(grids).where(eq(grids.communityId, rights.communityId)).orderBy(grids.code);
  const allowed = new Set(Object.values(rights.kinds).flatMap((g) => g ?? all.map((x) => x.id)));
  return { rights, grids: all.filter((g) => allowed.has(g.id)), wholeCommunity: Object.values(rights.kinds).some((g) => g === null) };
}

/** The announcement a staff member may manage, for the withdraw confirmation. */
export async function managedAnnouncement(db: DbOrTx, scope: StaffScope, id: number) {
  const ids = publishRights(scope).map((r) => r.communityId);
  if (!Number.isSafeInteger(id) || !ids.length) return null;
  const [a] = await db.select().from(announcements).where(and(eq(announcements.id, id), inArray(announcements.communityId, ids))).limit(1);
  return a ?? null;
}
