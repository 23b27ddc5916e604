// Disables (or re-enables) a staff account: disabled accounts cannot sign in and lose their sessions at once.
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { staffRoles, users } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { invalidateUserSessions } from '../auth/sessions';
import { recordAudit } from '../audit/record-audit';
import { managedCommunity } from '../communities/managed-community';
import { AppError } from '../errors';
import { adminCommunities } from './list-staff';
import { staffInCommunity } from './community-staff';

export async function setStaffDisabled(db: Db, input: { actorId: number; scope: StaffScope; communityId: number; userId: number; disabled: boolean; ip?: string }) {
  const community = await managedCommunity(db, input.scope, input.communityId);
  const staff = await staffInCommunity(db, community.id, input.userId);
  if (staff.id === input.actorId) throw new AppError('conflict', 'staff.err.self');
  // An account also working for a community this admin does not manage is not theirs to switch off.
  const others = await db
    .select({ communityId: staffRoles.communityId })
    .from(staffRoles)
    .where(and(eq(staffRoles.userId, staff.id), ne(staffRoles.communityId, community.id)));
  if (others.some((o) => !adminCommunities(input.scope).includes(o.communityId))) throw new AppError('conflict', 'staff.err.otherCommunity');
  await db.transaction(async (tx) => {
    await tx.update(users).set({ disabledAt: input.disabled ? sql`now()` : null }).where(eq(users.id, staff.id));
    if (input.disabled) await invalidateUserSessions(tx, staff.id);
    await recordAudit(tx, {
      actorUserId: input.actorId,
      communityId: community.id,
      action: input.disabled ? 'staff.disable' : 'staff.enable',
      targetType: 'user',
      targetId: staff.id,
      before: { disabled: Boolean(staff.disabledAt) },
      after: { disabled: input.disabled },
      ip: input.ip,
    });
  });
  return staff;
}
