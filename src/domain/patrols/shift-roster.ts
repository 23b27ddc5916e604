// One shift's people for its organiser: sign-ups in arrival order with state, scans and credit.
import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { checkIns, shiftSignups, users } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { managedShift } from './organiser-scope';
import { personLabel } from './person-label';

export async function shiftRoster(db: DbOrTx, scope: StaffScope, rawId: string) {
  const shift = await managedShift(db, scope, rawId);
  const rows = await db
    .select({
      name: users.displayName, phone: users.phone, status: shiftSignups.status, creditStatus: shiftSignups.creditStatus, minutes: shiftSignups.creditMinutes,
      points: shiftSignups.creditPoints, scans: sql<number>`(select count(*)::int from ${checkIns} c where c.signup_id = ${shiftSignups.id})`,
    })
    .from(shiftSignups)
    .innerJoin(users, eq(users.id, shiftSignups.userId))
    .where(eq(shiftSignups.shiftId, shift.id))
    .orderBy(asc(shiftSignups.arrival));
  return { shift, roster: rows.map((r) => ({ label: personLabel(r.name, r.phone), status: r.status, creditStatus: r.creditStatus, minutes: r.minutes, points: r.points, scans: r.scans })) };
}
