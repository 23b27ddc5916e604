// The grids of one managed community, filtered by text and kind, 50 per page, with how many places each holds.
import { and, asc, count, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { grids } from '../../db/schema';
import { likePattern, PAGE_SIZE, paged } from '../communities/paging';

export interface GridFilter {
  q: string;
  kind: '' | 'comprehensive' | 'dedicated';
  page: number;
}

export async function listGrids(db: DbOrTx, communityId: number, f: GridFilter) {
  const conds: SQL[] = [eq(grids.communityId, communityId)];
  if (f.q) conds.push(or(ilike(grids.name, likePattern(f.q)), ilike(grids.code, likePattern(f.q)))!);
  if (f.kind) conds.push(eq(grids.kind, f.kind));
  const where = and(...conds);
  // Spelled out: drizzle leaves column names unqualified in single-table selects, which a subquery would misread.
  const placeCount = sql<number>`(select count(*)::int from places p where p.grid_id = "grids"."id")`;
  const [rows, [{ n }]] = await Promise.all([
    db
      .select({ id: grids.id, code: grids.code, name: grids.name, kind: grids.kind, households: grids.households, places: placeCount })
      .from(grids)
      .where(where)
      .orderBy(asc(grids.code))
      .limit(PAGE_SIZE)
      .offset((f.page - 1) * PAGE_SIZE),
    db.select({ n: count() }).from(grids).where(where),
  ]);
  return paged(rows, Number(n), f.page);
}

/** Every grid of a community, for pickers (place forms, staff scopes); communities have tens, not thousands. */
export const allGrids = (db: DbOrTx, communityId: number) =>
  db.select({ id: grids.id, code: grids.code, name: grids.name }).from(grids).where(eq(grids.communityId, communityId)).orderBy(asc(grids.code));
