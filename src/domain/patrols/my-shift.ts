// One shift as the signed-up person sees it: times, route with what they scanned, their state and credit.
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { checkIns, places, pointTransfers, routeStops, shiftSignups, shifts, teams } from '../../db/schema';
import { AppError } from '../errors';
import { isActiveMember } from './shift-access';
import { waitlistPosition } from './sign-up';

export async function getMyShift(db: DbOrTx, o: { rawShiftId: string; userId: number }) {
  const id = Number(o.rawShiftId);
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('not_found', 'patrol.err.shiftNotFound');
  const [row] = await db
    .select({ shift: shifts, teamName: teams.name, earnsPoints: teams.earnsPoints, placeName: places.name })
    .from(shifts)
    .leftJoin(teams, eq(teams.id, shifts.teamId))
    .leftJoin(places, eq(places.id, shifts.placeId))
    .where(eq(shifts.id, id));
  if (!row) throw new AppError('not_found', 'patrol.err.shiftNotFound');
  const [signup] = await db.select().from(shiftSignups).where(and(eq(shiftSignups.shiftId, id), eq(shiftSignups.userId, o.userId)));
  const mine = signup && signup.status !== 'cancelled' ? signup : null;
  // Another team's patrol reads as missing, unless the person is signed up to it.
  if (!mine && row.shift.teamId !== null && !(await isActiveMember(db, row.shift.teamId, o.userId))) throw new AppError('not_found', 'patrol.err.shiftNotFound');
  const route = row.shift.templateId
    ? await db
        .select({ placeId: routeStops.placeId, position: routeStops.position, name: places.name })
        .from(routeStops)
        .innerJoin(places, eq(places.id, routeStops.placeId))
        .where(eq(routeStops.templateId, row.shift.templateId))
        .orderBy(asc(routeStops.position))
    : [];
  const scans = mine ? await db.select().from(checkIns).where(eq(checkIns.signupId, mine.id)).orderBy(asc(checkIns.at)) : [];
  // The ledger entry that paid this sign-up, so the page can link to its explanation.
  const key = `award:${row.shift.kind === 'patrol' ? 'patrol' : 'activity'}:${id}:${o.userId}`;
  const [paid] = mine?.creditStatus === 'credited' ? await db.select({ id: pointTransfers.id }).from(pointTransfers).where(eq(pointTransfers.idempotencyKey, key)) : [];
  const position = mine?.status === 'waitlisted' ? await waitlistPosition(db, id, mine.arrival) : null;
  return {
    shift: row.shift, teamName: row.teamName, earnsPoints: row.earnsPoints ?? true, placeName: row.placeName, route,
    signup: mine, position, transferId: paid?.id ?? null, scans: scans.map((s) => ({ placeId: s.placeId, at: s.at, via: s.via, flags: s.flags })),
  };
}
