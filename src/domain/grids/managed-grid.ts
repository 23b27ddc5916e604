// A grid an admin may change (it belongs to one of their communities), with that community; anything else is "not found".
import { and, count, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { communities, grids, places, qrCodes, staffRoleGrids } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { notFound } from '../errors';
import { adminCommunities } from '../staff/list-staff';

export async function managedGrid(db: DbOrTx, scope: StaffScope, gridId: number) {
  if (!Number.isSafeInteger(gridId)) throw notFound();
  const [row] = await db
    .select({ grid: grids, community: communities })
    .from(grids)
    .innerJoin(communities, eq(communities.id, grids.communityId))
    .where(eq(grids.id, gridId))
    .limit(1);
  if (!row || !adminCommunities(scope).includes(row.community.id)) throw notFound();
  return row;
}

/** Is this code used by another grid (any community: codes are unique nationwide)? */
export async function gridCodeTaken(db: DbOrTx, code: string, exceptId?: number) {
  const [hit] = await db
    .select({ id: grids.id })
    .from(grids)
    .where(exceptId ? and(eq(grids.code, code), ne(grids.id, exceptId)) : eq(grids.code, code))
    .limit(1);
  return Boolean(hit);
}

/** What still points at a grid; deleting it is refused while any count is above zero. */
export async function gridUsage(db: DbOrTx, gridId: number) {
  const [[p], [q], [s]] = await Promise.all([
    db.select({ n: count() }).from(places).where(eq(places.gridId, gridId)),
    db.select({ n: count() }).from(qrCodes).where(eq(qrCodes.gridId, gridId)),
    db.select({ n: count() }).from(staffRoleGrids).where(eq(staffRoleGrids.gridId, gridId)),
  ]);
  return { places: Number(p.n), qrCodes: Number(q.n), staff: Number(s.n) };
}
export const inUse = (u: Record<string, number>) => Object.values(u).some((n) => n > 0);
