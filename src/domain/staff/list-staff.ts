// Which communities an admin manages, and whether a staff account is one of theirs.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { staffRoles, users } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';

export const adminCommunities = (scope: StaffScope) =>
  [...new Set(scope.filter((r) => r.role === 'community_admin').map((r) => r.communityId))];

/** A staff account the admin may manage (it holds a role in one of the admin's communities), else null. */
export async function findManagedStaff(db: DbOrTx, scope: StaffScope, userId: number) {
  const communityIds = adminCommunities(scope);
  if (communityIds.length === 0 || !Number.isSafeInteger(userId)) return null;
  const [row] = await db
    .select({ id: users.id, username: users.username, name: users.displayName, communityId: staffRoles.communityId })
    .from(staffRoles)
    .innerJoin(users, eq(users.id, staffRoles.userId))
    .where(eq(staffRoles.userId, userId))
    .limit(50)
    .then((rs) => rs.filter((r) => communityIds.includes(r.communityId)));
  return row ? { id: row.id, username: row.username ?? '', name: row.name, communityId: row.communityId } : null;
}
