// The organiser's overview: teams of their communities (members, open join requests), templates, the next shifts and
// activities, flags waiting, and the checkpoints and places the forms offer.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { communities, places, shiftSignups, shiftTemplates, shifts, teamMembers, teams } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { organiserCommunities } from './organiser-scope';

export async function organiserHome(db: DbOrTx, scope: StaffScope, now: Date) {
  const ids = organiserCommunities(scope);
  if (ids.length === 0) return { communities: [], teams: [], templates: [], upcoming: [], flagged: 0, checkpoints: [], places: [] };
  const [comms, teamRows, templates, upcoming, [flag], checkpoints, allPlaces] = await Promise.all([
    db.select({ id: communities.id, name: communities.name }).from(communities).where(inArray(communities.id, ids)),
    db
      .select({
        id: teams.id, communityId: teams.communityId, name: teams.name, earnsPoints: teams.earnsPoints,
        active: sql<number>`count(*) filter (where ${teamMembers.status} = 'active')::int`,
        pending: sql<number>`count(*) filter (where ${teamMembers.status} = 'pending')::int`,
      })
      .from(teams)
      .leftJoin(teamMembers, eq(teamMembers.teamId, teams.id))
      .where(inArray(teams.communityId, ids))
      .groupBy(teams.id)
      .orderBy(asc(teams.id)),
    db.select().from(shiftTemplates).where(inArray(shiftTemplates.communityId, ids)).orderBy(asc(shiftTemplates.id)),
    db
      .select()
      .from(shifts)
      .where(and(inArray(shifts.communityId, ids), sql`${shifts.endsAt} > ${now.toISOString()}::timestamptz`, sql`${shifts.startsAt} < ${new Date(now.getTime() + 3 * 86_400_000).toISOString()}::timestamptz`))
      .orderBy(asc(shifts.startsAt))
      .limit(20),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(shiftSignups)
      .innerJoin(shifts, eq(shifts.id, shiftSignups.shiftId))
      .where(and(inArray(shifts.communityId, ids), eq(shiftSignups.creditStatus, 'flagged'))),
    db.select({ id: places.id, name: places.name, communityId: places.communityId }).from(places).where(and(inArray(places.communityId, ids), eq(places.kind, 'checkpoint'))).orderBy(asc(places.id)),
    db.select({ id: places.id, name: places.name, kind: places.kind }).from(places).where(and(inArray(places.communityId, ids), inArray(places.kind, ['courtyard', 'checkpoint', 'other', 'counter']))).orderBy(asc(places.id)),
  ]);
  return { communities: comms, teams: teamRows, templates, upcoming, flagged: flag?.n ?? 0, checkpoints, places: allPlaces };
}
export type OrganiserHome = Awaited<ReturnType<typeof organiserHome>>;
