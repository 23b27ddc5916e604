// The grids a staff member covers, for their workbench.
import { asc, inArray, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { grids } from '../../db/schema';
import { visibleGrids, type StaffScope } from '../auth/staff-scope';

export async function listMyGrids(db: DbOrTx, scope: StaffScope) {
  const { wholeCommunities, gridIds } = visibleGrids(scope);
  const conds = [
    ...(wholeCommunities.length ? [inArray(grids.communityId, wholeCommunities)] : []),
    ...(gridIds.length ? [inArray(grids.id, gridIds)] : []),
  ];
  if (conds.length === 0) return [];
  return db.select().from(grids).where(or(...conds)).orderBy(asc(grids.code));
}
