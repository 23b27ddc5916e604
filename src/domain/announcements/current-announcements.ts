// The announcements showing now for a community and grid, read on the hot scan page: per process, one query per
// community per TTL. Publishing or withdrawing drops this process's entry; other web processes catch up within the TTL.
import { isDeepStrictEqual } from 'node:util';
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

type Entry = { value: CurrentAnnouncement[]; expires: number; version: number };

class CurrentAnnouncementsCache {
  // Keyed by database handle too: tests run several databases (with the same community ids) in one process.
  private readonly byDb = new WeakMap<object, Map<number, Entry>>();
  /** One load per community and version at a time (per database handle): a load begun before drop() answers nobody after it. */
  private readonly loading = new WeakMap<object, Map<string, Promise<CurrentAnnouncement[]>>>();
  /** Bumped by drop(); an entry read under an older version is stale whichever database handle it belongs to. */
  private readonly versions = new Map<number, number>();

  private entry(db: DbOrTx, communityId: number): Entry | undefined {
    const hit = this.byDb.get(db)?.get(communityId);
    return hit && hit.version === (this.versions.get(communityId) ?? 0) ? hit : undefined;
  }

  /**
   * The cached list without waiting, or undefined. Past its TTL it is still returned for one more TTL while a reload
   * runs in the background; publishing or withdrawing (drop) makes it unusable at once.
   */
  peek(db: DbOrTx, communityId: number): CurrentAnnouncement[] | undefined {
    const hit = this.entry(db, communityId);
    if (!hit) return undefined;
    const now = Date.now();
    if (hit.expires > now) return hit.value;
    this.load(db, communityId).catch(() => {}); // a failed reload leaves the entry to age out
    return hit.expires + TTL_MS > now ? hit.value : undefined;
  }

  async live(db: DbOrTx, communityId: number): Promise<CurrentAnnouncement[]> {
    const hit = this.entry(db, communityId);
    if (hit && hit.expires > Date.now()) return hit.value;
    return this.load(db, communityId);
  }

  private load(db: DbOrTx, communityId: number): Promise<CurrentAnnouncement[]> {
    let inflight = this.loading.get(db);
    if (!inflight) this.loading.set(db, (inflight = new Map()));
    const version = this.versions.get(communityId) ?? 0;
    const key = `${communityId}:${version}`;
    const running = inflight.get(key);
    if (running) return running;
    const started = Date.now();
    const pending = loadLive(db, communityId, new Date(started))
      .then((loaded) => {
        let map = this.byDb.get(db);
        if (!map) this.byDb.set(db, (map = new Map()));
        const old = map.get(communityId);
        // Unchanged lists keep their object, like the scan cache, so nothing downstream sees a change.
        const value = old && isDeepStrictEqual(old.value, loaded) ? old.value : loaded;
        if (version === (this.versions.get(communityId) ?? 0)) map.set(communityId, { value, expires: started + TTL_MS, version });
        return value;
      })
      .finally(() => {
        if (inflight.get(key) === pending) inflight.delete(key);
      });
    inflight.set(key, pending);
    return pending;
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
  return showingNow(await currentAnnouncementsCache.live(db, input.communityId), input.gridId, now);
}

/** The same from the cache alone, never waiting: undefined when the community's list is not cached or too stale (see peek). */
export function peekCurrentAnnouncements(db: DbOrTx, input: { communityId: number; gridId: number | null }): CurrentAnnouncement[] | undefined {
  const live = currentAnnouncementsCache.peek(db, input.communityId);
  return live && showingNow(live, input.gridId, new Date());
}

function showingNow(live: CurrentAnnouncement[], gridId: number | null, now: Date): CurrentAnnouncement[] {
  return live
    .filter((a) => a.publishAt <= now && a.expiresAt > now && (a.gridIds.length === 0 || (gridId !== null && a.gridIds.includes(gridId))))
    .sort(byImportance);
}
