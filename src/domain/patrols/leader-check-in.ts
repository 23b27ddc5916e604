// Leader mode: the team leader's phone shows a code that changes every 30 s; members scan it to check in together.
// Only an active leader of the shift's team may show it; a member's scan must carry a current code and fall inside
// the shift window. It records a check-in without a checkpoint (via 'leader'), once per sign-up.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { checkIns, shiftSignups, shifts, teamMembers } from '../../db/schema';
import { AppError } from '../errors';
import { leaderCode, leaderCodeValid, secondsLeft, windowOf } from './leader-code';

async function shiftById(db: DbOrTx, rawShiftId: string) {
  const id = Number(rawShiftId);
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('not_found', 'patrol.err.shiftNotFound');
  const [shift] = await db.select().from(shifts).where(eq(shifts.id, id));
  if (!shift) throw new AppError('not_found', 'patrol.err.shiftNotFound');
  return shift;
}

export async function isTeamLeader(db: DbOrTx, teamId: number | null, userId: number): Promise<boolean> {
  if (teamId === null) return false;
  const [row] = await db
    .select({ role: teamMembers.role })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId), eq(teamMembers.status, 'active'), eq(teamMembers.role, 'leader')));
  return Boolean(row);
}

/** What the leader's phone shows now. */
export async function currentLeaderCode(db: DbOrTx, o: { rawShiftId: string; userId: number; now: Date }) {
  const shift = await shiftById(db, o.rawShiftId);
  if (!(await isTeamLeader(db, shift.teamId, o.userId))) throw new AppError('forbidden', 'patrol.err.notLeader');
  return { shift, code: leaderCode(shift.leaderSecret, shift.id, windowOf(o.now)), secondsLeft: secondsLeft(o.now) };
}

export async function leaderCheckIn(db: DbOrTx, o: { rawShiftId: string; code: string; userId: number; now: Date; windowMinutes: number; deviceId: string | null }) {
  const shift = await shiftById(db, o.rawShiftId);
  if (!leaderCodeValid(shift.leaderSecret, shift.id, (o.code ?? '').trim(), o.now)) throw new AppError('conflict', 'patrol.err.leaderCode');
  const w = o.windowMinutes * 60_000;
  return db.transaction(async (tx) => {
    const [signup] = await tx
      .select()
      .from(shiftSignups)
      .where(and(eq(shiftSignups.shiftId, shift.id), eq(shiftSignups.userId, o.userId), eq(shiftSignups.status, 'confirmed')))
      .for('update');
    if (!signup) throw new AppError('conflict', 'patrol.err.noShiftNow');
    if (shift.status !== 'scheduled' || o.now.getTime() < shift.startsAt.getTime() - w || o.now.getTime() > shift.endsAt.getTime() + w) {
      throw new AppError('conflict', { key: 'patrol.err.outsideWindow', params: { minutes: o.windowMinutes } });
    }
    if (signup.checkedOutAt) throw new AppError('conflict', 'patrol.err.alreadyOut');
    const [made] = await tx
      .insert(checkIns)
      .values({ signupId: signup.id, shiftId: shift.id, placeId: null, via: 'leader', at: o.now, deviceId: o.deviceId })
      .onConflictDoNothing()
      .returning({ id: checkIns.id });
    if (!made) throw new AppError('conflict', 'patrol.err.alreadyLeader');
    await tx.update(shiftSignups).set({ checkedInAt: signup.checkedInAt ?? o.now }).where(eq(shiftSignups.id, signup.id));
    return { shiftId: shift.id };
  });
}
