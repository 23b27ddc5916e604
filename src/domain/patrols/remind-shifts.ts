// Inbox reminders for confirmed sign-ups: the day before (within 24 h of the start) and one hour before. Each is sent
// once per sign-up (dedupe key), so the job may run every few minutes.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { places, shiftSignups, shifts } from '../../db/schema';
import { notify } from '../notifications/notify';
import { fmtShiftTime } from './shift-format';

export async function remindShifts(db: DbOrTx, o: { now: Date; timeZone: string }) {
  const soon = await db
    .select({ signupId: shiftSignups.id, userId: shiftSignups.userId, shift: shifts, placeName: places.name })
    .from(shiftSignups)
    .innerJoin(shifts, eq(shifts.id, shiftSignups.shiftId))
    .leftJoin(places, eq(places.id, shifts.placeId))
    .where(
      and(
        eq(shiftSignups.status, 'confirmed'),
        eq(shifts.status, 'scheduled'),
        sql`${shifts.startsAt} > ${o.now.toISOString()}::timestamptz`,
        sql`${shifts.startsAt} <= ${new Date(o.now.getTime() + 86_400_000).toISOString()}::timestamptz`,
      ),
    );
  let sent = 0;
  for (const r of soon) {
    const withinHour = r.shift.startsAt.getTime() - o.now.getTime() <= 3_600_000;
    const which = withinHour ? 'hour' : 'day';
    const id = await notify(db, {
      userId: r.userId, kind: 'patrol.reminder', title: r.shift.title,
      body: [fmtShiftTime(r.shift.startsAt, r.shift.endsAt, o.timeZone), r.placeName].filter(Boolean).join(' · '),
      link: `/shifts/${r.shift.id}`, dedupeKey: `patrol.remind:${which}:${r.signupId}`,
    });
    if (id !== null) sent++;
  }
  return { sent };
}
