// An organiser cancels one occurrence (rain, a holiday) with a notice: everyone signed up or waitlisted is told in the inbox.
import { and, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { shiftSignups, shifts } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { recordAudit } from '../audit/record-audit';
import { AppError } from '../errors';
import { notify } from '../notifications/notify';
import { longTextRule, requireText } from '../text/text-rules';
import { managedShift } from './organiser-scope';
import { fmtShiftTime } from './shift-format';

export async function cancelShift(
  db: DbOrTx,
  scope: StaffScope,
  input: { rawShiftId: string; notice: unknown; actorUserId: number; timeZone: string; ip?: string | null },
) {
  const shift = await managedShift(db, scope, input.rawShiftId);
  const notice = requireText(input.notice, 'notice', longTextRule(200, { min: 2 }));
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(shifts)
      .set({ status: 'cancelled', cancelNotice: notice })
      .where(and(eq(shifts.id, shift.id), eq(shifts.status, 'scheduled')))
      .returning();
    if (!row) throw new AppError('conflict', 'patrol.err.notScheduled');
    const people = await tx
      .select({ userId: shiftSignups.userId })
      .from(shiftSignups)
      .where(and(eq(shiftSignups.shiftId, shift.id), ne(shiftSignups.status, 'cancelled')));
    for (const p of people) {
      await notify(tx, {
        userId: p.userId, kind: 'patrol.cancelled', title: shift.title, body: `${fmtShiftTime(shift.startsAt, shift.endsAt, input.timeZone)}:${notice}`,
        link: '/shifts', dedupeKey: `patrol.cancelled:${shift.id}:${p.userId}`,
      });
    }
    await recordAudit(tx, { actorUserId: input.actorUserId, communityId: shift.communityId, action: 'shift.cancel', targetType: 'shift', targetId: shift.id, after: { notice, told: people.length }, ip: input.ip });
    return { told: people.length };
  });
}
