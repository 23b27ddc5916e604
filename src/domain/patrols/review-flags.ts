// Flagged credit waits here: the organiser sees why (far, no location, too fast, shared device, route incomplete) and
// accepts it (credited through the ledger like any other) or voids it (never counted). Both are audited.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { shiftSignups, shifts, users } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { recordAudit } from '../audit/record-audit';
import { AppError } from '../errors';
import { creditSignUp } from './credit-sign-up';
import { organiserCommunities } from './organiser-scope';
import { personLabel } from './person-label';

export async function listFlags(db: DbOrTx, scope: StaffScope) {
  const ids = organiserCommunities(scope);
  if (!ids.length) return [];
  const rows = await db
    .select({ signup: shiftSignups, shift: shifts, name: users.displayName, phone: users.phone })
    .from(shiftSignups)
    .innerJoin(shifts, eq(shifts.id, shiftSignups.shiftId))
    .innerJoin(users, eq(users.id, shiftSignups.userId))
    .where(and(inArray(shifts.communityId, ids), eq(shiftSignups.creditStatus, 'flagged')))
    .orderBy(asc(shifts.startsAt))
    .limit(200);
  return rows.map((r) => ({ ...r, label: personLabel(r.name, r.phone) }));
}

export async function reviewFlag(
  db: DbOrTx,
  scope: StaffScope,
  input: { rawSignupId: string; accept: boolean; actorUserId: number; now: Date; timeZone: string; ip?: string | null },
) {
  const id = Number(input.rawSignupId);
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('not_found', 'error.404');
  return db.transaction(async (tx) => {
    const [signup] = await tx.select().from(shiftSignups).where(eq(shiftSignups.id, id)).for('update');
    const [shift] = signup ? await tx.select().from(shifts).where(eq(shifts.id, signup.shiftId)) : [];
    if (!signup || !shift || !organiserCommunities(scope).includes(shift.communityId)) throw new AppError('not_found', 'error.404');
    if (signup.creditStatus !== 'flagged') throw new AppError('conflict', 'patrol.err.notFlagged');
    const out = input.accept
      ? await creditSignUp(tx, { signup, shift, now: input.now, timeZone: input.timeZone, reviewedBy: input.actorUserId, acceptFlags: true })
      : (await tx.update(shiftSignups).set({ creditStatus: 'voided', reviewedBy: input.actorUserId, reviewedAt: input.now }).where(eq(shiftSignups.id, id)), { status: 'voided' as const, minutes: signup.creditMinutes ?? 0, points: null });
    await recordAudit(tx, {
      actorUserId: input.actorUserId, communityId: shift.communityId, action: input.accept ? 'patrol.flag.accept' : 'patrol.flag.void',
      targetType: 'shift_signup', targetId: id, before: { flags: signup.flags }, after: out, ip: input.ip,
    });
    return out;
  });
}
