// Who works the 积分超市 counter and catalog: the community's clerks (积分超市管理员) and admins. Pure.
import type { StaffRole } from '../../db/schema';
import { hasRoleIn, type StaffScope } from '../auth/staff-scope';
import { AppError } from '../errors';

export const COUNTER_ROLES: readonly StaffRole[] = ['clerk', 'community_admin'];

/** The communities whose counter this staff member works. */
export const counterCommunities = (scope: StaffScope): { id: number; name: string }[] => {
  const seen = new Map<number, string>();
  for (const r of scope) if (COUNTER_ROLES.includes(r.role)) seen.set(r.communityId, r.communityName);
  return [...seen].map(([id, name]) => ({ id, name }));
};

/** The one community a counter page works on: the one asked for if allowed, else the first. */
export function counterCommunity(scope: StaffScope, requested?: unknown): { id: number; name: string } {
  const all = counterCommunities(scope);
  if (!all.length) throw new AppError('forbidden', 'error.403');
  const want = typeof requested === 'string' && /^\d{1,9}$/.test(requested) ? Number(requested) : null;
  return all.find((c) => c.id === want) ?? all[0];
}

export const worksCounter = (scope: StaffScope, communityId: number) => hasRoleIn(scope, communityId, COUNTER_ROLES);

/** Who may tick a course session's attendance list: the counter's staff and the community's organisers. */
export const ATTENDANCE_ROLES: readonly StaffRole[] = ['clerk', 'community_admin', 'organiser'];
export const takesAttendance = (scope: StaffScope, communityId: number) => hasRoleIn(scope, communityId, ATTENDANCE_ROLES);
