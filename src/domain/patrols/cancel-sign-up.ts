// A resident cancels: a confirmed place goes to the earliest waitlisted person (exactly one, under the shift's row
// lock), who is told in the inbox. Cancelling after check-in is refused: the time served is already on record.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { shiftSignups, shifts } from '../../db/schema';
import { AppError } from '../errors';
import { notify } from '../notifications/notify';
import { fmtShiftTime } from './shift-format';

export async function cancelSignUp(
  db: DbOrTx,
  input: { rawShiftId: string | number; userId: number; now: Date; timeZone: string },
): Promise<{ promotedUserId: number | null }> {
  const shiftId = Number(input.rawShiftId);
  if (!Number.isSafeInteger(shiftId) || shiftId <= 0) throw new AppError('not_found', 'patrol.err.shiftNotFound');
  return db.transaction(async (tx) => {
    const [shift] = await tx.select().from(shifts).where(eq(shifts.id, shiftId)).for('update');
    if (!shift) throw new AppError('not_found', 'patrol.err.shiftNotFound');
    const [mine] = await tx.select().from(shiftSignups).where(and(eq(shiftSignups.shiftId, shiftId), eq(shiftSignups.userId, input.userId)));
    if (!mine || mine.status === 'cancelled') throw new AppError('conflict', 'patrol.err.notSignedUp');
    if (mine.checkedInAt) throw new AppError('conflict', 'patrol.err.cancelAfterCheckIn');
    await tx.update(shiftSignups).set({ status: 'cancelled', cancelledAt: input.now }).where(eq(shiftSignups.id, mine.id));
    if (mine.status !== 'confirmed') return { promotedUserId: null };
    await tx.update(shifts).set({ confirmedCount: sql`${shifts.confirmedCount} - 1` }).where(eq(shifts.id, shiftId));
    if (shift.status !== 'scheduled' || shift.startsAt <= input.now) return { promotedUserId: null };
    const promoted = await promoteNext(tx, shift, input);
    return { promotedUserId: promoted };
  });
}

/** Moves the first waitlisted person up (caller holds the shift's row lock and has freed one place). */
async function promoteNext(tx: DbOrTx, shift: typeof shifts.$inferSelect, input: { now: Date; timeZone: string }): Promise<number | null> {
  const [next] = await tx
    .select()
    .from(shiftSignups)
    .where(and(eq(shiftSignups.shiftId, shift.id), eq(shiftSignups.status, 'waitlisted')))
    .orderBy(asc(shiftSignups.arrival))
    .limit(1);
  if (!next) return null;
  await tx.update(shiftSignups).set({ status: 'confirmed', promotedAt: input.now }).where(eq(shiftSignups.id, next.id));
  await tx.update(shifts).set({ confirmedCount: sql`${shifts.confirmedCount} + 1` }).where(eq(shifts.id, shift.id));
  await notify(tx, {
    userId: next.userId, kind: 'patrol.promoted', title: shift.title,
    body: fmtShiftTime(shift.startsAt, shift.endsAt, input.timeZone), link: '/shifts/mine', dedupeKey: `patrol.promoted:${next.id}:${input.now.getTime()}`,
  });
  return next.userId;
}
