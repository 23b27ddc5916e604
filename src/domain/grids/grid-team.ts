// Who handles a grid day to day: the active grid workers and grid leaders whose scope names it (first) or covers the whole
// community. Organisers, clerks, police and admins are not the grid's team (GRID_TEAM_ROLES), so they are never listed.
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { staffRoleGrids, staffRoles, users, type StaffRole } from '../../db/schema';
import { GRID_TEAM_ROLES } from '../auth/staff-scope';

export interface GridTeamMember {
  userId: number;
  name: string;
  /** grid_worker before grid_leader when someone holds both. */
  roles: StaffRole[];
  /** True when the grid is theirs only through a community-wide role (listed after those the grid is named for). */
  wholeCommunity: boolean;
}

export async function listGridTeam(db: DbOrTx, grid: { id: number; communityId: number }): Promise<GridTeamMember[]> {
  const named = sql<boolean>`${staffRoles.scope} = 'grids'`;
  const rows = await db
    .selectDistinct({ userId: users.id, name: users.displayName, username: users.username, role: staffRoles.role, named })
    .from(staffRoles)
    .innerJoin(users, eq(users.id, staffRoles.userId))
    .leftJoin(staffRoleGrids, and(eq(staffRoleGrids.staffRoleId, staffRoles.id), eq(staffRoleGrids.gridId, grid.id)))
    .where(
      and(
        eq(staffRoles.communityId, grid.communityId),
        inArray(staffRoles.role, [...GRID_TEAM_ROLES]),
        isNull(users.disabledAt),
        or(eq(staffRoles.scope, 'community'), eq(staffRoleGrids.gridId, grid.id)),
      ),
    )
    .orderBy(asc(users.username));
  const byUser = new Map<number, GridTeamMember>();
  for (const r of rows) {
    const m = byUser.get(r.userId) ?? { userId: r.userId, name: r.name || r.username || String(r.userId), roles: [], wholeCommunity: true };
    if (!m.roles.includes(r.role)) m.roles.push(r.role);
    if (r.named) m.wholeCommunity = false;
    byUser.set(r.userId, m);
  }
  const rank = (m: GridTeamMember) => (m.wholeCommunity ? 2 : 0) + (m.roles.includes('grid_worker') ? 0 : 1);
  return [...byUser.values()]
    .map((m) => ({ ...m, roles: GRID_TEAM_ROLES.filter((r) => m.roles.includes(r)) }))
    .sort((a, b) => rank(a) - rank(b));
}
