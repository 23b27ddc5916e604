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

/**
 * Roles whose scope is about grids: grid staff, the community police (警格) and the community admin. Organisers (patrols and
 * volunteer activities) and clerks (the redemption counter) hold a community-wide role for their own features: it makes
 * them cover no grid, so they are never "grid staff" (workbench grid list, a grid's page, who handles a grid).
 */
export const GRID_ROLES: readonly StaffRole[] = ['grid_worker', 'grid_leader', 'police', 'community_admin'];

/** The people who work a grid day to day: shown as "who handles this grid" on an item and first in assign. */
export const GRID_TEAM_ROLES: readonly StaffRole[] = ['grid_worker', 'grid_leader'];

/** Pure: the part of a scope that covers grids (see GRID_ROLES). */
export const gridScope = (scope: StaffScope): StaffScope => scope.filter((r) => GRID_ROLES.includes(r.role));

/** Pure: does any of the given roles (by default the grid roles, GRID_ROLES) cover this grid? */
export function coversGrid(scope: StaffScope, grid: { id: number; communityId: number }, roles: readonly StaffRole[] = GRID_ROLES): boolean {
  return scope.some((r) => roles.includes(r.role) && r.communityId === grid.communityId && (r.gridIds === null || r.gridIds.includes(grid.id)));
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
