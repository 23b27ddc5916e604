// The place tree of one community, one level at a time (children of a parent, 50 per page), or a flat search when filtered.
import { and, asc, count, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import { grids, places } from '../../db/schema';
import { likePattern, PAGE_SIZE, paged } from '../communities/paging';
import { notFound } from '../errors';
import type { PlaceKind } from './place-rules';

export interface PlaceFilter {
  parentId: number | null;
  q: string;
  kind: PlaceKind | '';
  gridId: number | null;
  page: number;
}

const parentPlace = alias(places, 'parent_place');

export async function listPlaces(db: DbOrTx, communityId: number, f: PlaceFilter) {
  const searching = Boolean(f.q || f.kind || f.gridId);
  const conds: SQL[] = [eq(places.communityId, communityId)];
  if (f.q) conds.push(or(ilike(places.name, likePattern(f.q)), ilike(places.key, likePattern(f.q)))!);
  if (f.kind) conds.push(eq(places.kind, f.kind));
  if (f.gridId) conds.push(eq(places.gridId, f.gridId));
  if (!searching) conds.push(f.parentId ? eq(places.parentId, f.parentId) : isNull(places.parentId));
  const where = and(...conds);
  const children = sql<number>`(select count(*)::int from places c where c.parent_id = "places"."id")`;
  const [rows, [{ n }], trail] = await Promise.all([
    db
      .select({
        id: places.id, key: places.key, name: places.name, kind: places.kind, floors: places.floors, units: places.units,
        gridCode: grids.code, gridName: grids.name, parentName: parentPlace.name, children,
      })
      .from(places)
      .leftJoin(grids, eq(grids.id, places.gridId))
      .leftJoin(parentPlace, eq(parentPlace.id, places.parentId))
      .where(where)
      // Courtyard, building, unit order reads like an address; ids keep "2栋" before "10栋" as entered.
      .orderBy(sql`array_position(array['courtyard','building','unit','checkpoint','counter','other'], ${places.kind}::text)`, asc(places.id))
      .limit(PAGE_SIZE)
      .offset((f.page - 1) * PAGE_SIZE),
    db.select({ n: count() }).from(places).where(where),
    f.parentId && !searching ? ancestors(db, communityId, f.parentId) : Promise.resolve([]),
  ]);
  return { ...paged(rows, Number(n), f.page), searching, trail };
}

/** Breadcrumb from the top down to (and including) this place; the tree is at most a few levels deep. */
export async function ancestors(db: DbOrTx, communityId: number, placeId: number) {
  const trail: { id: number; name: string; key: string | null; kind: PlaceKind }[] = [];
  for (let id: number | null = placeId; id && trail.length < 8; ) {
    const [p] = await db.select().from(places).where(and(eq(places.id, id), eq(places.communityId, communityId))).limit(1);
    if (!p) throw notFound();
    trail.unshift({ id: p.id, name: p.name, key: p.key, kind: p.kind });
    id = p.parentId;
  }
  return trail;
}
