// Lookups behind the place use cases: a place the admin may change, its usage, and keys/grids resolved within one community.
import { and, count, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { communities, grids, places, qrCodes, users } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { notFound } from '../errors';
import { adminCommunities } from '../staff/list-staff';

export async function managedPlace(db: DbOrTx, scope: StaffScope, placeId: number) {
  if (!Number.isSafeInteger(placeId)) throw notFound();
  const [row] = await db
    .select({ place: places, community: communities })
    .from(places)
    .innerJoin(communities, eq(communities.id, places.communityId))
    .where(eq(places.id, placeId))
    .limit(1);
  if (!row || !adminCommunities(scope).includes(row.community.id)) throw notFound();
  return row;
}

export async function placeByKey(db: DbOrTx, communityId: number, key: string, exceptId?: number) {
  const cond = and(eq(places.communityId, communityId), eq(places.key, key), exceptId ? ne(places.id, exceptId) : undefined);
  const [row] = await db.select().from(places).where(cond).limit(1);
  return row ?? null;
}

export async function gridByCode(db: DbOrTx, communityId: number, code: string) {
  const [row] = await db.select().from(grids).where(and(eq(grids.communityId, communityId), eq(grids.code, code))).limit(1);
  return row ?? null;
}

/** What still points at a place; deleting it is refused while any count is above zero. */
export async function placeUsage(db: DbOrTx, placeId: number) {
  const [[c], [q], [g], [r]] = await Promise.all([
    db.select({ n: count() }).from(places).where(eq(places.parentId, placeId)),
    db.select({ n: count() }).from(qrCodes).where(eq(qrCodes.placeId, placeId)),
    db.select({ n: count() }).from(grids).where(eq(grids.courtyardId, placeId)),
    db.select({ n: count() }).from(users).where(eq(users.homePlaceId, placeId)),
  ]);
  return { children: Number(c.n), qrCodes: Number(q.n), grids: Number(g.n), residents: Number(r.n) };
}

/** The form values of an existing place: parent and grid shown the way people type them (key, code). */
export async function placeFormValues(db: DbOrTx, place: typeof places.$inferSelect): Promise<Record<string, string>> {
  const [parent] = place.parentId ? await db.select({ key: places.key }).from(places).where(eq(places.id, place.parentId)) : [];
  const [grid] = place.gridId ? await db.select({ code: grids.code }).from(grids).where(eq(grids.id, place.gridId)) : [];
  const num = (n: number | null) => (n == null ? '' : String(n));
  return { key: place.key ?? '', name: place.name, kind: place.kind, parent: parent?.key ?? '', grid: grid?.code ?? '', floors: num(place.floors), units: num(place.units) };
}
