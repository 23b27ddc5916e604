// One course session's attendance list: who booked (masked), and whether they came. Staff outside the community's
// counter and organisers read it as missing.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { rewardItems, rewardSessions, rewardVouchers, users, type VoucherStatus } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { AppError } from '../errors';
import { takesAttendance } from './counter-access';
import { maskResident } from './mask-resident';
import { parseId } from './redeemable';

export interface AttendanceList {
  session: { id: number; itemName: string; startsAt: Date; endsAt: Date; place: string; seats: number; seatsLeft: number; communityId: number };
  rows: { voucherId: number; resident: string; status: VoucherStatus }[];
}

export async function listAttendance(db: DbOrTx, o: { scope: StaffScope; sessionId: unknown }): Promise<AttendanceList> {
  const id = parseId(o.sessionId);
  const [s] = id
    ? await db
        .select({ id: rewardSessions.id, itemName: rewardItems.name, startsAt: rewardSessions.startsAt, endsAt: rewardSessions.endsAt, place: rewardSessions.place,
          seats: rewardSessions.seats, seatsLeft: rewardSessions.seatsLeft, communityId: rewardItems.communityId })
        .from(rewardSessions)
        .innerJoin(rewardItems, eq(rewardItems.id, rewardSessions.itemId))
        .where(eq(rewardSessions.id, id))
    : [];
  if (!s || !takesAttendance(o.scope, s.communityId)) throw new AppError('not_found', 'rewards.err.sessionNotFound');
  const rows = await db
    .select({ voucherId: rewardVouchers.id, displayName: users.displayName, phone: users.phone, status: rewardVouchers.status })
    .from(rewardVouchers)
    .innerJoin(users, eq(users.id, rewardVouchers.userId))
    .where(and(eq(rewardVouchers.sessionId, s.id), inArray(rewardVouchers.status, ['pending', 'handed_over', 'no_show'])))
    .orderBy(asc(rewardVouchers.id));
  return { session: s, rows: rows.map((r) => ({ voucherId: r.voucherId, resident: maskResident(r.displayName, r.phone), status: r.status })) };
}
