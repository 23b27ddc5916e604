// Tonight's patrol, live: every shift open now (± the check-in window) in the organiser's communities, who is out,
// which checkpoints each has scanned and when, and any flags. Polled by the page every few seconds.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { checkIns, places, routeStops, shiftSignups, shifts, teams, users } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { organiserCommunities } from './organiser-scope';
import { personLabel } from './person-label';

export async function livePatrol(db: DbOrTx, scope: StaffScope, o: { now: Date; windowMinutes: number }) {
  const ids = organiserCommunities(scope);
  if (!ids.length) return [];
  const w = o.windowMinutes * 60_000;
  const open = await db
    .select({ shift: shifts, teamName: teams.name })
    .from(shifts)
    .leftJoin(teams, eq(teams.id, shifts.teamId))
    .where(
      and(
        inArray(shifts.communityId, ids),
        eq(shifts.status, 'scheduled'),
        sql`${shifts.startsAt} <= ${new Date(o.now.getTime() + w).toISOString()}::timestamptz`,
        sql`${shifts.endsAt} >= ${new Date(o.now.getTime() - w).toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(shifts.startsAt));
  if (!open.length) return [];
  const shiftIds = open.map((s) => s.shift.id);
  const [people, scans, stops] = await Promise.all([
    db
      .select({ id: shiftSignups.id, shiftId: shiftSignups.shiftId, inAt: shiftSignups.checkedInAt, outAt: shiftSignups.checkedOutAt, flags: shiftSignups.flags, name: users.displayName, phone: users.phone })
      .from(shiftSignups)
      .innerJoin(users, eq(users.id, shiftSignups.userId))
      .where(and(inArray(shiftSignups.shiftId, shiftIds), eq(shiftSignups.status, 'confirmed')))
      .orderBy(asc(shiftSignups.arrival)),
    db
      .select({ signupId: checkIns.signupId, placeId: checkIns.placeId, at: checkIns.at, via: checkIns.via, place: places.name })
      .from(checkIns)
      .leftJoin(places, eq(places.id, checkIns.placeId))
      .where(inArray(checkIns.shiftId, shiftIds))
      .orderBy(asc(checkIns.at)),
    db
      .select({ templateId: routeStops.templateId, placeId: routeStops.placeId, name: places.name, position: routeStops.position })
      .from(routeStops)
      .innerJoin(places, eq(places.id, routeStops.placeId))
      .where(inArray(routeStops.templateId, open.map((s) => s.shift.templateId ?? -1)))
      .orderBy(asc(routeStops.position)),
  ]);
  return open.map(({ shift, teamName }) => {
    const route = stops.filter((s) => s.templateId === shift.templateId);
    const members = people
      .filter((p) => p.shiftId === shift.id)
      .map((p) => ({
        id: p.id, label: personLabel(p.name, p.phone), inAt: p.inAt, outAt: p.outAt, flags: p.flags,
        scans: scans.filter((s) => s.signupId === p.id).map((s) => ({ place: s.place, placeId: s.placeId, at: s.at, via: s.via })),
      }));
    return { shift, teamName, route, members, out: members.filter((m) => m.inAt && !m.outAt).length };
  });
}
export type LivePatrol = Awaited<ReturnType<typeof livePatrol>>;
