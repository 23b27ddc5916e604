// Gives a user one role in a community with a grid scope (none = the whole community), replacing that role's old scope.
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { grids, staffRoleGrids, staffRoles, type StaffRole } from '../../db/schema';
import { fieldError } from '../errors';

export async function writeRole(tx: DbOrTx, communityId: number, userId: number, role: StaffRole, gridIds: number[]) {
  await tx.delete(staffRoles).where(and(eq(staffRoles.userId, userId), eq(staffRoles.communityId, communityId), eq(staffRoles.role, role)));
  const scope = gridIds.length ? 'grids' : 'community';
  const [row] = await tx.insert(staffRoles).values({ userId, communityId, role, scope }).returning({ id: staffRoles.id });
  if (gridIds.length) await tx.insert(staffRoleGrids).values(gridIds.map((gridId) => ({ staffRoleId: row.id, gridId })));
  return { role, scope, gridIds };
}

/** Grid ids from a form, kept only if they are grids of this community (a forged id is refused, not silently widened). */
export async function communityGridIds(db: DbOrTx, communityId: number, ids: number[]) {
  if (!ids.length) return [];
  const rows = await db.select({ id: grids.id }).from(grids).where(and(eq(grids.communityId, communityId), inArray(grids.id, ids)));
  if (rows.length !== new Set(ids).size) throw fieldError('grids', 'staff.err.gridUnknown');
  return rows.map((r) => r.id).sort((a, b) => a - b);
}
