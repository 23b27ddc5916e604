// One team for its organiser: members (leaders first), open join requests, and the team's templates.
import { and, asc, desc, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { shiftTemplates, teamMembers, users } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { managedTeam } from './organiser-scope';
import { personLabel } from './person-label';

export async function teamDetail(db: DbOrTx, scope: StaffScope, rawId: string) {
  const team = await managedTeam(db, scope, rawId);
  const people = await db
    .select({ userId: teamMembers.userId, role: teamMembers.role, status: teamMembers.status, requestedAt: teamMembers.requestedAt, name: users.displayName, phone: users.phone })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.teamId, team.id), ne(teamMembers.status, 'left')))
    .orderBy(desc(teamMembers.role), asc(teamMembers.requestedAt));
  const templates = await db.select().from(shiftTemplates).where(eq(shiftTemplates.teamId, team.id)).orderBy(asc(shiftTemplates.id));
  const label = (p: (typeof people)[number]) => ({ userId: p.userId, role: p.role, label: personLabel(p.name, p.phone), requestedAt: p.requestedAt });
  return {
    team,
    members: people.filter((p) => p.status === 'active').map(label),
    requests: people.filter((p) => p.status === 'pending').map(label),
    templates,
  };
}
