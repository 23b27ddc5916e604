// An admin gives a staff member a one-time password: old sessions end, the new password must be changed at first sign-in.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import { notFound } from '../errors';
import { hashPassword, oneTimePassword } from '../auth/passwords';
import { invalidateUserSessions } from '../auth/sessions';
import type { StaffScope } from '../auth/staff-scope';
import { findManagedStaff } from './list-staff';

export async function resetStaffPassword(db: Db, input: { actorId: number; scope: StaffScope; targetId: number; ip?: string }) {
  const target = await findManagedStaff(db, input.scope, input.targetId);
  if (!target) throw notFound();
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: true }).where(eq(users.id, target.id));
    await invalidateUserSessions(tx, target.id);
    await recordAudit(tx, {
      actorUserId: input.actorId,
      communityId: target.communityId,
      action: 'staff.reset_password',
      targetType: 'user',
      targetId: target.id,
      after: { mustChangePassword: true },
      ip: input.ip,
    });
  });
  return { name: target.name, username: target.username, password };
}
