// Check-out ends the time served and credits it. Twenty taps (or retries) at once credit once: the sign-up's row lock
// orders them, the first writes checked_out_at, the rest find it set and return what was credited.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { shiftSignups, shifts } from '../../db/schema';
import { AppError } from '../errors';
import { creditSignUp, type CreditOutcome } from './credit-sign-up';

export async function checkOut(
  db: DbOrTx,
  input: { rawShiftId: string | number; userId: number; now: Date; timeZone: string },
): Promise<CreditOutcome & { replayed: boolean; shiftId: number }> {
  const shiftId = Number(input.rawShiftId);
  if (!Number.isSafeInteger(shiftId) || shiftId <= 0) throw new AppError('not_found', 'patrol.err.shiftNotFound');
  return db.transaction(async (tx) => {
    const [signup] = await tx
      .select()
      .from(shiftSignups)
      .where(and(eq(shiftSignups.shiftId, shiftId), eq(shiftSignups.userId, input.userId)))
      .for('update');
    if (!signup || signup.status !== 'confirmed') throw new AppError('not_found', 'patrol.err.shiftNotFound');
    const [shift] = await tx.select().from(shifts).where(eq(shifts.id, shiftId));
    const replay = { status: signup.creditStatus, minutes: signup.creditMinutes ?? 0, points: signup.creditPoints, replayed: true, shiftId };
    if (signup.checkedOutAt) return replay;
    if (!signup.checkedInAt) throw new AppError('conflict', 'patrol.err.outBeforeIn');
    // Closed by the nightly job (forgotten check-out): already credited up to the last scan.
    if (signup.creditStatus !== 'pending') return replay;
    const now = input.now < signup.checkedInAt ? signup.checkedInAt : input.now;
    await tx.update(shiftSignups).set({ checkedOutAt: now }).where(eq(shiftSignups.id, signup.id));
    const out = await creditSignUp(tx, { signup: { ...signup, checkedOutAt: now }, shift, now, timeZone: input.timeZone });
    return { ...out, replayed: false, shiftId };
  });
}
