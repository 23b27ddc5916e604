// A resident signs up for a shift or activity: confirmed while places are free, else waitlisted. The shift's row is
// locked first, so arrival order (the sequence taken under the lock) is exactly the order places are handed out:
// 100 people racing for 40 places → the first 40 arrivals confirmed, the other 60 waitlisted in order.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { shiftSignups, shifts } from '../../db/schema';
import { AppError } from '../errors';
import { currentRuleSet } from '../rules/current-rule-set';
import { isActiveMember, recentNoShows } from './shift-access';

export type SignUpResult = { status: 'confirmed' | 'waitlisted'; signupId: number; position: number | null };

export async function signUp(db: DbOrTx, input: { rawShiftId: string | number; userId: number; now: Date; timeZone: string }): Promise<SignUpResult> {
  const shiftId = Number(input.rawShiftId);
  if (!Number.isSafeInteger(shiftId) || shiftId <= 0) throw new AppError('not_found', 'patrol.err.shiftNotFound');
  return db.transaction(async (tx) => {
    const [shift] = await tx.select().from(shifts).where(eq(shifts.id, shiftId)).for('update');
    if (!shift) throw new AppError('not_found', 'patrol.err.shiftNotFound');
    if (shift.teamId !== null && !(await isActiveMember(tx, shift.teamId, input.userId))) throw new AppError('not_found', 'patrol.err.shiftNotFound');
    if (shift.status === 'cancelled') throw new AppError('conflict', 'patrol.err.cancelled');
    if (shift.status === 'closed' || shift.endsAt <= input.now) throw new AppError('conflict', 'patrol.err.over');
    const rules = await currentRuleSet(tx, shift.communityId, input.now, input.timeZone).catch(() => null);
    const limit = rules?.body.patrol.max_no_shows_before_signup_block ?? 0;
    if (limit > 0 && (await recentNoShows(tx, shift.communityId, input.userId, input.now)) >= limit) {
      throw new AppError('forbidden', { key: 'patrol.err.blocked', params: { n: limit } });
    }
    const [existing] = await tx.select().from(shiftSignups).where(and(eq(shiftSignups.shiftId, shiftId), eq(shiftSignups.userId, input.userId)));
    if (existing && existing.status !== 'cancelled') throw new AppError('conflict', 'patrol.err.alreadySignedUp');
    const confirmed = shift.confirmedCount < shift.capacity;
    const status = confirmed ? ('confirmed' as const) : ('waitlisted' as const);
    // A cancelled sign-up comes back at the end of the queue: a fresh arrival number, like anyone else arriving now.
    const values = { status, arrival: sql`nextval(pg_get_serial_sequence('shift_signups', 'arrival'))`, createdAt: input.now, cancelledAt: null, promotedAt: null };
    const [row] = existing
      ? await tx.update(shiftSignups).set(values).where(eq(shiftSignups.id, existing.id)).returning()
      : await tx.insert(shiftSignups).values({ shiftId, userId: input.userId, ...values }).returning();
    if (confirmed) await tx.update(shifts).set({ confirmedCount: sql`${shifts.confirmedCount} + 1` }).where(eq(shifts.id, shiftId));
    const position = confirmed ? null : await waitlistPosition(tx, shiftId, row.arrival);
    return { status, signupId: row.id, position };
  });
}

export async function waitlistPosition(db: DbOrTx, shiftId: number, arrival: number): Promise<number> {
  const [r] = await db
    .select({ n: sql<string>`count(*)` })
    .from(shiftSignups)
    .where(and(eq(shiftSignups.shiftId, shiftId), eq(shiftSignups.status, 'waitlisted'), sql`${shiftSignups.arrival} <= ${arrival}`));
  return Number(r.n);
}
