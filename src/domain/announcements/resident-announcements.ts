// The announcements showing now for a signed-in resident: those of the grids they live in or have reported from
// (a resident signs up with a phone number only, so their reports say where they are until a home is set).
import { desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import { places, submissions, users } from '../../db/schema';
import { byImportance, currentAnnouncements, type CurrentAnnouncement } from './current-announcements';

/** Most places a resident is counted in; reports from many grids are rare, and the list stays short. */
const MAX_PLACES = 5;

export async function residentAnnouncements(db: DbOrTx, input: { userId: number; now?: Date }): Promise<CurrentAnnouncement[]> {
  const where = await residentGrids(db, input.userId);
  const lists = await Promise.all(where.map((w) => currentAnnouncements(db, { ...w, now: input.now })));
  const seen = new Set<number>();
  return lists.flat().filter((a) => !seen.has(a.id) && seen.add(a.id)).sort(byImportance);
}

const parent = alias(places, 'parent');
const grandparent = alias(places, 'grandparent');

async function residentGrids(db: DbOrTx, userId: number): Promise<{ communityId: number; gridId: number | null }[]> {
  const [home, reported] = await Promise.all([
    db
      .select({ communityId: places.communityId, gridId: sql<number | null>`coalesce(${places.gridId}, ${parent.gridId}, ${grandparent.gridId})` })
      .from(users)
      .innerJoin(places, eq(places.id, users.homePlaceId))
      .leftJoin(parent, eq(parent.id, places.parentId))
      .leftJoin(grandparent, eq(grandparent.id, parent.parentId))
      .where(eq(users.id, userId)),
    db
      .selectDistinctOn([submissions.communityId, submissions.gridId], { communityId: submissions.communityId, gridId: submissions.gridId })
      .from(submissions)
      .where(eq(submissions.authorUserId, userId))
      .orderBy(submissions.communityId, submissions.gridId, desc(submissions.id))
      .limit(MAX_PLACES),
  ]);
  const key = (w: { communityId: number; gridId: number | null }) => `${w.communityId}:${w.gridId}`;
  const all = new Map([...home, ...reported].map((w) => [key(w), { communityId: w.communityId, gridId: w.gridId === null ? null : Number(w.gridId) }]));
  return [...all.values()].slice(0, MAX_PLACES);
}
