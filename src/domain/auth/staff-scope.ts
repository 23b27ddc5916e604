// What a staff member may see: their roles per community, and which grids each role covers.
import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { communities, staffRoleGrids, staffRoles, type StaffRole } from '../../db/schema';

export interface ScopedRole {
  communityId: number;
  communityName: string;
  role: StaffRole;
  /** null = every grid of the community. */
  gridIds: number[] | null;
}
export type StaffScope = ScopedRole[];

export async function loadStaffScope(db: DbOrTx, userId: number): Promise<StaffScope> {
  const roles = await db
    .select({ id: staffRoles.id, communityId: staffRoles.communityId, communityName: communities.name, role: staffRoles.role, scope: staffRoles.scope })
    .from(staffRoles)
    .innerJoin(communities, eq(communities.id, staffRoles.communityId))
    .where(eq(staffRoles.userId, userId));
  const gridRoleIds = roles.filter((r) => r.scope === 'grids').map((r) => r.id);
  const links = gridRoleIds.length
    ? await db.select().from(staffRoleGrids).where(inArray(staffRoleGrids.staffRoleId, gridRoleIds))
    : [];
  return roles.map((r) => ({
    communityId: r.communityId,
    communityName: r.communityName,
    role: r.role,
    gridIds: r.scope === 'community' ? null : links.filter((l) => l.staffRoleId === r.id).map((l) => l.gridId),
  }));
}

/** Pure: does any of the given roles (or any role, if none given) cover this grid? */
export function coversGrid(scope: StaffScope, grid: { id: number; communityId: number }, roles?: readonly StaffRole[]): boolean {
  return scope.some(
    (r) => (!roles || roles.includes(r.role)) && r.communityId === grid.communityId && (r.gridIds === null || r.gridIds.includes(grid.id)),
  );
}

/** Pure: does the user hold one of these roles in this community (any scope)? */
export function hasRoleIn(scope: StaffScope, communityId: number, roles: readonly StaffRole[]): boolean {
  return scope.some((r) => r.communityId === communityId && roles.includes(r.role));
}

export const hasAnyRole = (scope: StaffScope, roles: readonly StaffRole[]) => scope.some((r) => roles.includes(r.role));

/** Grid filter for queries: community ids seen whole, plus single grid ids. */
export function visibleGrids(scope: StaffScope): { wholeCommunities: number[]; gridIds: number[] } {
  const wholeCommunities = [...new Set(scope.filter((r) => r.gridIds === null).map((r) => r.communityId))];
  const gridIds = [...new Set(scope.flatMap((r) => r.gridIds ?? []))];
  return { wholeCommunities, gridIds };
}
