// An admin renames a staff member, or sets / removes one of their roles (with its grid scope) in the admin's community.
import { and, count, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { staffRoles, users, type StaffRole } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { recordAudit } from '../audit/record-audit';
import { parseForm } from '../communities/fields';
import { managedCommunity } from '../communities/managed-community';
import { AppError } from '../errors';
import { staffInCommunity } from './community-staff';
import { checkedGridIds, roleForm, staffNameForm } from './staff-rules';
import { communityGridIds, writeRole } from './write-role';

interface Input {
  actorId: number;
  scope: StaffScope;
  communityId: number;
  userId: number;
  ip?: string;
}

async function load(db: Db, input: Input) {
  const community = await managedCommunity(db, input.scope, input.communityId);
  return { community, staff: await staffInCommunity(db, community.id, input.userId) };
}

export async function renameStaff(db: Db, input: Input & { form: Record<string, string> }) {
  const { community, staff } = await load(db, input);
  const v = parseForm(staffNameForm, input.form);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ displayName: v.name }).where(eq(users.id, staff.id));
    await recordAudit(tx, { actorUserId: input.actorId, communityId: community.id, action: 'staff.rename', targetType: 'user', targetId: staff.id, before: { name: staff.name }, after: v, ip: input.ip });
  });
}

export async function setStaffRole(db: Db, input: Input & { form: Record<string, string> }) {
  const { community, staff } = await load(db, input);
  const v = parseForm(roleForm, input.form);
  const gridIds = await communityGridIds(db, community.id, checkedGridIds(input.form));
  const before = staff.roles.find((r) => r.role === v.role);
  await db.transaction(async (tx) => {
    const after = await writeRole(tx, community.id, staff.id, v.role, gridIds);
    await recordAudit(tx, { actorUserId: input.actorId, communityId: community.id, action: 'staff.role.set', targetType: 'user', targetId: staff.id, before: before ?? null, after, ip: input.ip });
  });
}

export async function removeStaffRole(db: Db, input: Input & { role: StaffRole }) {
  const { community, staff } = await load(db, input);
  const held = staff.roles.find((r) => r.role === input.role);
  if (!held) throw new AppError('not_found', 'error.404');
  // Without a role here the account would vanish from this admin's pages: disabling it is the way to retire someone.
  if (staff.roles.length === 1) throw new AppError('conflict', 'staff.err.lastRole');
  await db.transaction(async (tx) => {
    if (input.role === 'community_admin') {
      const [{ n }] = await tx.select({ n: count() }).from(staffRoles).where(and(eq(staffRoles.communityId, community.id), eq(staffRoles.role, 'community_admin')));
      if (Number(n) <= 1) throw new AppError('conflict', 'staff.err.lastAdmin');
    }
    await tx.delete(staffRoles).where(eq(staffRoles.id, held.id));
    await recordAudit(tx, { actorUserId: input.actorId, communityId: community.id, action: 'staff.role.remove', targetType: 'user', targetId: staff.id, before: held, ip: input.ip });
  });
}
