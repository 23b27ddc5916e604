// The grids a staff member covers, for their workbench: only through grid roles (organisers and clerks cover none).
import { asc, inArray, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { grids } from '../../db/schema';
import { gridScope, visibleGrids, type StaffScope } from '../auth/staff-scope';

export async function listMyGrids(db: DbOrTx, scope: StaffScope) {
  const { wholeCommunities, gridIds } = visibleGrids(gridScope(scope));
  const conds = [
    ...(wholeCommunities.length ? [inArray(grids.communityId, wholeCommunities)] : []),
    ...(gridIds.length ? [inArray(grids.id, gridIds)] : []),
  ];
  if (conds.length === 0) return [];
  return db.select().from(grids).where(or(...conds)).orderBy(asc(grids.code));
}
