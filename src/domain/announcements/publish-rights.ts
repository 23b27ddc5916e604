// Who may publish what, to where. Pure. Community admins: both kinds, anywhere in their community. Community police:
// 警情通报 only, in the grids their role covers (all when community-wide). Grid leaders: 温馨提示, in their grids.
import type { AnnouncementKind, StaffRole } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';

export interface PublishRights {
  communityId: number;
  communityName: string;
  /** Per kind the staff member may publish: null = the whole community (or any of its grids), else only these grids. */
  kinds: Partial<Record<AnnouncementKind, number[] | null>>;
}

const GRANTS: Partial<Record<StaffRole, AnnouncementKind[]>> = { community_admin: ['notice', 'police'], police: ['police'], grid_leader: ['notice'] };

/** The roles that may publish some announcement (route guard, workbench link). */
export const PUBLISHER_ROLES = Object.keys(GRANTS) as StaffRole[];

export function publishRights(scope: StaffScope): PublishRights[] {
  const byCommunity = new Map<number, PublishRights>();
  for (const role of scope) {
    const kinds = GRANTS[role.role];
    if (!kinds) continue;
    const r = byCommunity.get(role.communityId) ?? { communityId: role.communityId, communityName: role.communityName, kinds: {} };
    for (const kind of kinds) {
      const had = r.kinds[kind];
      // A wider grant wins: any community-wide role makes the kind community-wide.
      r.kinds[kind] = had === null || role.gridIds === null ? null : [...new Set([...(had ?? []), ...role.gridIds])];
    }
    byCommunity.set(role.communityId, r);
  }
  return [...byCommunity.values()].sort((a, b) => a.communityId - b.communityId);
}

/** Who may manage (see, withdraw) a community's announcements: anyone who may publish there. */
export const canManageAnnouncements = (scope: StaffScope, communityId: number) => publishRights(scope).some((r) => r.communityId === communityId);
