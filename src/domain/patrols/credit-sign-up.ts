// Turns one sign-up's served time into credit, once: verified minutes always; points through the ledger's one award
// path (idempotency key per sign-up: award:patrol:<shift>:<person> / award:activity:<shift>:<person>) for teams that
// earn points, with the served times explained in the entry's note. Flagged sign-ups wait for an organiser instead.
// The caller holds the sign-up's row lock.
import { and, asc, count, eq, inArray, isNull, max } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { checkIns, shiftSignups, shifts, staffRoles, teams, users, type CreditStatus } from '../../db/schema';
import { AppError } from '../errors';
import { awardPoints } from '../points/award-points';
import { localParts } from './shift-format';
import { hoursOf, servedTime } from './served-time';

type Signup = typeof shiftSignups.$inferSelect;
type Shift = typeof shifts.$inferSelect;

export interface CreditOutcome {
  status: CreditStatus;
  minutes: number;
  points: number | null;
}

export async function creditSignUp(
  tx: DbOrTx,
  o: { signup: Signup; shift: Shift; now: Date; timeZone: string; reviewedBy?: number; acceptFlags?: boolean },
): Promise<CreditOutcome> {
  const { signup, shift } = o;
  const [scans] = await tx
    .select({ n: count(checkIns.id), last: max(checkIns.at), places: count(checkIns.placeId) })
    .from(checkIns)
    .where(eq(checkIns.signupId, signup.id));
  const served = servedTime({ startsAt: shift.startsAt, endsAt: shift.endsAt, checkedInAt: signup.checkedInAt, checkedOutAt: signup.checkedOutAt, lastScanAt: scans.last ?? null });
  const flags = [...signup.flags];
  if (shift.kind === 'patrol' && served && Number(scans.places) < shift.minCheckpoints && !flags.includes('route_incomplete')) flags.push('route_incomplete');
  if (!served) return save(tx, signup.id, { status: 'nothing', minutes: 0, points: null }, flags);
  if (flags.length > 0 && !o.acceptFlags) return save(tx, signup.id, { status: 'flagged', minutes: served.minutes, points: null }, flags);

  const team = shift.teamId === null ? null : (await tx.select().from(teams).where(eq(teams.id, shift.teamId)))[0];
  if (team && !team.earnsPoints) return save(tx, signup.id, { status: 'hours_only', minutes: served.minutes, points: null }, flags, o.reviewedBy, o.now);
  const approver = await approverFor(tx, shift.communityId, [shift.createdBy, team?.createdBy ?? null]);
  const a = localParts(served.start, o.timeZone);
  const b = localParts(served.end, o.timeZone);
  const note = `${shift.title} ${a.m}月${a.d}日 ${a.hm}–${b.hm},服务 ${hoursOf(served.minutes)} 小时${o.acceptFlags ? '(经组织者复核)' : ''}`;
  try {
    const paid = await awardPoints(tx, {
      communityId: shift.communityId,
      approverUserId: approver,
      contribution:
        shift.kind === 'patrol'
          ? { kind: 'patrol', shiftId: shift.id, recipientUserId: signup.userId, start: served.start, end: served.end }
          : { kind: 'activity', activityId: shift.id, recipientUserId: signup.userId, hours: hoursOf(served.minutes) || 0.1 },
      note,
      now: o.now,
      timeZone: o.timeZone,
    });
    const points = paid.status === 'paid' ? paid.amount : 0;
    return save(tx, signup.id, { status: 'credited', minutes: served.minutes, points }, flags, o.reviewedBy, o.now);
  } catch (err) {
    // A cap or an empty fund means no points this time; the hours served still stand on the record.
    if (!(err instanceof AppError) || err.code !== 'conflict') throw err;
    return save(tx, signup.id, { status: 'credited', minutes: served.minutes, points: 0 }, flags, o.reviewedBy, o.now);
  }
}

/**
 * Whose approval the credit carries: the organiser who set the shift up, or the team's, while they still hold a staff
 * role in the community; otherwise any organiser or admin there, so one person leaving does not stop every check-out.
 */
async function approverFor(tx: DbOrTx, communityId: number, preferred: (number | null)[]): Promise<number> {
  const rows = await tx
    .select({ userId: staffRoles.userId })
    .from(staffRoles)
    .innerJoin(users, eq(users.id, staffRoles.userId))
    .where(and(eq(staffRoles.communityId, communityId), inArray(staffRoles.role, ['organiser', 'community_admin']), isNull(users.disabledAt)))
    .orderBy(asc(staffRoles.id));
  const ids = rows.map((r) => r.userId);
  const chosen = preferred.find((p) => p !== null && ids.includes(p)) ?? ids[0];
  if (!chosen) throw new AppError('unavailable', 'patrol.err.noApprover');
  return chosen;
}

async function save(tx: DbOrTx, id: number, out: CreditOutcome, flags: string[], reviewedBy?: number, at?: Date): Promise<CreditOutcome> {
  await tx
    .update(shiftSignups)
    .set({ creditStatus: out.status, creditMinutes: out.minutes, creditPoints: out.points, flags, ...(reviewedBy ? { reviewedBy, reviewedAt: at } : {}) })
    .where(eq(shiftSignups.id, id));
  return out;
}

