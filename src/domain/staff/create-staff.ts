// An admin opens a staff account in their community: one role and scope, and a one-time password shown once.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { hashPassword, oneTimePassword } from '../auth/passwords';
import { recordAudit } from '../audit/record-audit';
import { parseForm } from '../communities/fields';
import { managedCommunity, pgCode } from '../communities/managed-community';
import { fieldError } from '../errors';
import { checkedGridIds, roleForm, staffForm } from './staff-rules';
import { communityGridIds, writeRole } from './write-role';

export async function createStaff(db: Db, input: { actorId: number; scope: StaffScope; communityId: number; form: Record<string, string>; ip?: string }) {
  const community = await managedCommunity(db, input.scope, input.communityId);
  const v = parseForm(staffForm.extend(roleForm.shape), input.form);
  const gridIds = await communityGridIds(db, community.id, checkedGridIds(input.form));
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.username, v.username)).limit(1);
  if (taken) throw fieldError('username', 'staff.err.usernameTaken');
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  try {
    const userId = await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ kind: 'staff', username: v.username, displayName: v.name, passwordHash, mustChangePassword: true })
        .returning({ id: users.id });
      const role = await writeRole(tx, community.id, user.id, v.role, gridIds);
      await recordAudit(tx, {
        actorUserId: input.actorId,
        communityId: community.id,
        action: 'staff.create',
        targetType: 'user',
        targetId: user.id,
        after: { username: v.username, name: v.name, ...role },
        ip: input.ip,
      });
      return user.id;
    });
    return { userId, username: v.username, name: v.name, password };
  } catch (err) {
    if (pgCode(err) === '23505') throw fieldError('username', 'staff.err.usernameTaken');
    throw err;
  }
}
