// After a shift's window (end + grace) has passed: confirmed people who never checked in are no-shows (which, past the
// rule set's limit, pauses their sign-up), and those who forgot to check out are credited up to their last scan.
// Each shift is closed once, under its row lock; a re-run finds nothing left to do.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { shiftSignups, shifts } from '../../db/schema';
import { creditSignUp } from './credit-sign-up';

export async function closeShifts(db: DbOrTx, o: { now: Date; windowMinutes: number; timeZone: string; limit?: number }) {
  const cutoff = new Date(o.now.getTime() - o.windowMinutes * 60_000);
  const due = await db
    .select({ id: shifts.id })
    .from(shifts)
    .where(and(eq(shifts.status, 'scheduled'), sql`${shifts.endsAt} <= ${cutoff.toISOString()}::timestamptz`))
    .orderBy(shifts.endsAt)
    .limit(o.limit ?? 200);
  let noShows = 0;
  let credited = 0;
  for (const { id } of due) {
    await db.transaction(async (tx) => {
      const [shift] = await tx.select().from(shifts).where(and(eq(shifts.id, id), eq(shifts.status, 'scheduled'))).for('update');
      if (!shift) return;
      const missed = await tx
        .update(shiftSignups)
        .set({ creditStatus: 'no_show' })
        .where(and(eq(shiftSignups.shiftId, id), eq(shiftSignups.status, 'confirmed'), isNull(shiftSignups.checkedInAt), eq(shiftSignups.creditStatus, 'pending')))
        .returning({ id: shiftSignups.id });
      noShows += missed.length;
      const open = await tx
        .select()
        .from(shiftSignups)
        .where(and(eq(shiftSignups.shiftId, id), eq(shiftSignups.status, 'confirmed'), eq(shiftSignups.creditStatus, 'pending')))
        .for('update');
      for (const signup of open) {
        await creditSignUp(tx, { signup, shift, now: o.now, timeZone: o.timeZone });
        credited++;
      }
      await tx.update(shifts).set({ status: 'closed' }).where(eq(shifts.id, id));
    });
  }
  return { closed: due.length, noShows, credited };
}
