// A staff member changes their own password; every other session of theirs is signed out.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import { fieldError, notFound } from '../errors';
import { checkNewPassword, hashPassword, verifyPassword } from './passwords';
import { invalidateUserSessions } from './sessions';

export async function changePassword(
  db: Db,
  input: { userId: number; sessionId: string; current: unknown; next: unknown; confirm: unknown; ip?: string },
): Promise<void> {
  const current = typeof input.current === 'string' ? input.current : '';
  const next = typeof input.next === 'string' ? input.next : '';
  const [user] = await db.select().from(users).where(eq(users.id, input.userId)).limit(1);
  if (!user || user.kind !== 'staff' || !user.passwordHash) throw notFound();
  if (!(await verifyPassword(user.passwordHash, current))) throw fieldError('currentPassword', 'err.password.current');
  checkNewPassword(next, user.username ?? '');
  if (next !== input.confirm) throw fieldError('confirmPassword', 'err.password.mismatch');
  if (next === current) throw fieldError('newPassword', 'err.password.unchanged');
  const passwordHash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, user.id));
    await invalidateUserSessions(tx, user.id, input.sessionId);
    await recordAudit(tx, { actorUserId: user.id, action: 'password.change', targetType: 'user', targetId: user.id, ip: input.ip });
  });
}
