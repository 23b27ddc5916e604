// A resident leader's view of their team: the join requests waiting for them (leaders approve like organisers do).
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { teamMembers, teams, users } from '../../db/schema';
import { AppError } from '../errors';
import { isTeamLeader } from './leader-check-in';
import { personLabel } from './person-label';

export async function ledTeamRequests(db: DbOrTx, o: { rawTeamId: string; userId: number }) {
  const id = Number(o.rawTeamId);
  if (!Number.isSafeInteger(id) || id <= 0 || !(await isTeamLeader(db, id, o.userId))) throw new AppError('not_found', 'error.404');
  const [team] = await db.select().from(teams).where(eq(teams.id, id));
  const rows = await db
    .select({ userId: teamMembers.userId, name: users.displayName, phone: users.phone })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.teamId, id), eq(teamMembers.status, 'pending')))
    .orderBy(asc(teamMembers.requestedAt));
  return { team, requests: rows.map((r) => ({ userId: r.userId, label: personLabel(r.name, r.phone) })) };
}
