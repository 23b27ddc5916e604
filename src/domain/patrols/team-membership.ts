// Joining a team: a resident asks, a leader of that team or an organiser approves or declines. Organisers may also
// make an active member a leader.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { teamMembers, teams } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { recordAudit } from '../audit/record-audit';
import { AppError } from '../errors';
import { notify } from '../notifications/notify';
import { managedTeam } from './organiser-scope';

export async function requestJoin(db: DbOrTx, input: { rawTeamId: string; userId: number; now: Date }) {
  const id = Number(input.rawTeamId);
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('not_found', 'error.404');
  const [team] = await db.select().from(teams).where(eq(teams.id, id));
  if (!team) throw new AppError('not_found', 'error.404');
  const [existing] = await db.select().from(teamMembers).where(and(eq(teamMembers.teamId, id), eq(teamMembers.userId, input.userId)));
  if (existing?.status === 'active') throw new AppError('conflict', 'patrol.err.alreadyMember');
  if (existing?.status === 'pending') throw new AppError('conflict', 'patrol.err.alreadyRequested');
  await db
    .insert(teamMembers)
    .values({ teamId: id, userId: input.userId, status: 'pending', requestedAt: input.now })
    .onConflictDoUpdate({ target: [teamMembers.teamId, teamMembers.userId], set: { status: 'pending', requestedAt: input.now, decidedBy: null, decidedAt: null } });
  return team;
}

/** A leader of the team (a resident) or an organiser in scope decides; anyone else reads "not found". */
export async function decideJoin(
  db: DbOrTx,
  who: { userId: number; scope: StaffScope | null },
  input: { rawTeamId: string; rawUserId: string; approve: boolean; now: Date; ip?: string | null },
) {
  const team = who.scope ? await managedTeam(db, who.scope, input.rawTeamId) : await ledTeam(db, input.rawTeamId, who.userId);
  const memberId = Number(input.rawUserId);
  if (!Number.isSafeInteger(memberId)) throw new AppError('not_found', 'error.404');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(teamMembers)
      .set({ status: input.approve ? 'active' : 'declined', decidedBy: who.userId, decidedAt: input.now })
      .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, memberId), eq(teamMembers.status, 'pending')))
      .returning();
    if (!row) throw new AppError('conflict', 'patrol.err.noRequest');
    if (who.scope) {
      await recordAudit(tx, {
        actorUserId: who.userId, communityId: team.communityId, action: input.approve ? 'team.join.approve' : 'team.join.decline',
        targetType: 'team_member', targetId: `${team.id}:${memberId}`, ip: input.ip,
      });
    }
    await notify(tx, {
      userId: memberId, kind: input.approve ? 'team.joined' : 'team.declined', title: team.name, link: '/shifts',
      dedupeKey: `team.decide:${team.id}:${memberId}:${input.now.getTime()}`,
    });
    return row;
  });
}

async function ledTeam(db: DbOrTx, rawTeamId: string, userId: number) {
  const id = Number(rawTeamId);
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('not_found', 'error.404');
  const [row] = await db
    .select({ team: teams })
    .from(teams)
    .innerJoin(teamMembers, and(eq(teamMembers.teamId, teams.id), eq(teamMembers.userId, userId), eq(teamMembers.role, 'leader'), eq(teamMembers.status, 'active')))
    .where(eq(teams.id, id));
  if (!row) throw new AppError('not_found', 'error.404');
  return row.team;
}

export async function setLeader(db: DbOrTx, scope: StaffScope, input: { rawTeamId: string; rawUserId: string; leader: boolean; actorUserId: number; ip?: string | null }) {
  const team = await managedTeam(db, scope, input.rawTeamId);
  const memberId = Number(input.rawUserId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(teamMembers)
      .set({ role: input.leader ? 'leader' : 'member' })
      .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, memberId), eq(teamMembers.status, 'active')))
      .returning();
    if (!row) throw new AppError('not_found', 'error.404');
    await recordAudit(tx, { actorUserId: input.actorUserId, communityId: team.communityId, action: 'team.leader', targetType: 'team_member', targetId: `${team.id}:${memberId}`, after: { leader: input.leader }, ip: input.ip });
    return row;
  });
}
