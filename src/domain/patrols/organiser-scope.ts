// Organisers (and community admins) run the teams of their own communities: scope is by community, never by grid.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { shifts, teams, type StaffRole } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { AppError } from '../errors';

export const PATROL_STAFF_ROLES: readonly StaffRole[] = ['organiser', 'community_admin'];

export const organiserCommunities = (scope: StaffScope): number[] => [
  ...new Set(scope.filter((r) => PATROL_STAFF_ROLES.includes(r.role)).map((r) => r.communityId)),
];

export function requireCommunity(scope: StaffScope, communityId: number): void {
  if (!organiserCommunities(scope).includes(communityId)) throw new AppError('not_found', 'error.404');
}

/** A team in the organiser's scope, or "not found" (another community's team reads as missing). */
export async function managedTeam(db: DbOrTx, scope: StaffScope, rawId: string | number) {
  const id = Number(rawId);
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('not_found', 'error.404');
  const [team] = await db.select().from(teams).where(eq(teams.id, id));
  if (!team || !organiserCommunities(scope).includes(team.communityId)) throw new AppError('not_found', 'error.404');
  return team;
}

export async function managedShift(db: DbOrTx, scope: StaffScope, rawId: string | number) {
  const id = Number(rawId);
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('not_found', 'error.404');
  const [shift] = await db.select().from(shifts).where(eq(shifts.id, id));
  if (!shift || !organiserCommunities(scope).includes(shift.communityId)) throw new AppError('not_found', 'error.404');
  return shift;
}
