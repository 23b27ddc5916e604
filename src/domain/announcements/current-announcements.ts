// The announcements showing now for a community and grid, read on the hot scan page: per process, one query per
// community per TTL. Publishing or withdrawing drops this process's entry; other web processes catch up within the TTL.
import { and, desc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { announcementGrids, announcements, type AnnouncementKind } from '../../db/schema';

export interface CurrentAnnouncement {
  id: number;
  communityId: number;
  kind: AnnouncementKind;
  title: string;
  body: string;
  publishAt: Date;
  expiresAt: Date;
  /** Empty = the whole community. */
  gridIds: number[];
}

const TTL_MS = 15_000;
/** More than this many live at once is noise; the list shows the newest. */
const MAX_LIVE = 50;

async function loadLive(db: DbOrTx, communityId: number, now: Date): Promise<CurrentAnnouncement[]> {
  const rows = await db
    .select({ id: announcements.id, communityId: announcements.communityId, kind: announcements.kind, title: announcements.title, body: announcements.body, publishAt: announcements.publishAt, expiresAt: announcements.expiresAt })
    .from(announcements)
    .where(and(eq(announcements.communityId, communityId), isNull(announcements.withdrawnAt), gt(announcements.expiresAt, now)))
    .orderBy(desc(announcements.publishAt))
    .limit(MAX_LIVE);
  const links = rows.length ? await db.select().from(announcementGrids).where(inArray(announcementGrids.announcementId, rows.map((r) => r.id))) : [];
  return rows.map((r) => ({ ...r, gridIds: links.filter((l) => l.announcementId === r.id).map((l) => l.gridId) }));
}

class CurrentAnnouncementsCache {
  // Keyed by database handle too: tests run several databases (with the same community ids) in one process.
  private readonly byDb = new WeakMap<object, Map<number, { value: CurrentAnnouncement[]; expires: number; version: number }>>();
  /** Bumped by drop(); an entry read under an older version is stale whichever database handle it belongs to. */
  private readonly versions = new Map<number, number>();

  async live(db: DbOrTx, communityId: number, now: Date): Promise<CurrentAnnouncement[]> {
    let map = this.byDb.get(db);
    if (!map) this.byDb.set(db, (map = new Map()));
    const version = this.versions.get(communityId) ?? 0;
    const hit = map.get(communityId);
    if (hit && hit.version === version && hit.expires > Date.now()) return hit.value;
    const value = await loadLive(db, communityId, now);
    map.set(communityId, { value, expires: Date.now() + TTL_MS, version });
    return value;
  }

  /** The community's announcements just changed: the next read in this process loads them again. */
  drop(communityId: number): void {
    this.versions.set(communityId, (this.versions.get(communityId) ?? 0) + 1);
  }
}

/** Ordering people see: police notices first, then the newest. */
export const byImportance = (a: CurrentAnnouncement, b: CurrentAnnouncement) =>
  (a.kind === 'police' ? 0 : 1) - (b.kind === 'police' ? 0 : 1) || b.publishAt.getTime() - a.publishAt.getTime();

export const currentAnnouncementsCache = new CurrentAnnouncementsCache();

/** Showing now to someone at a place in `gridId` (null: a place in no grid, which sees community-wide ones only). */
export async function currentAnnouncements(db: DbOrTx, input: { communityId: number; gridId: number | null; now?: Date }): Promise<CurrentAnnouncement[]> {
  const now = input.now ?? new Date();
  const live = await currentAnnouncementsCache.live(db, input.communityId, now);
  return live
    .filter((a) => a.publishAt <= now && a.expiresAt > now && (a.gridIds.length === 0 || (input.gridId !== null && a.gridIds.includes(input.gridId))))
    .sort(byImportance);
}
