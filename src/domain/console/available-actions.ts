// Pure: which actions a staff member may take on an item, from its status, tier, kind, category and the viewer's roles.
// The item page shows exactly these; each action's use case re-checks what it depends on (status moves, scope, version).
import type { StaffRole, SubmissionStatus } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { coversItem, ITEM_STAFF_ROLES, type ItemScopeFacts } from './item-access';
import { canMove, FINAL_STATUSES } from '../submissions/status';

export const ITEM_ACTIONS = [
  'claim', 'assign', 'reply', 'note', 'reject', 'resolve', 'reopen', 'route', 'departmentAnswer', 'bulkAnswer',
  // Built by the points-actions pages (/staff/items/:id/<action>); the item page only links to them.
  'accept', 'duplicate', 'escalate', 'mediate',
] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

/** Disputes (矛盾纠纷) are the items that can be settled by mediation. */
export const DISPUTE_CATEGORY = 'tip.dispute';
/** Roles that hand items to colleagues (workers claim for themselves). */
export const ASSIGNING_ROLES: readonly StaffRole[] = ['grid_leader', 'community_admin'];

export interface ActionFacts extends ItemScopeFacts {
  status: SubmissionStatus;
  kind: 'tip' | 'wish';
  categoryKey: string;
  assignedUserId: number | null;
  /** Department requests still waiting for an answer. */
  openDepartmentRequests: number;
}

export function availableActions(viewer: { userId: number; scope: StaffScope }, item: ActionFacts): Set<ItemAction> {
  const out = new Set<ItemAction>();
  if (!coversItem(viewer.scope, item)) return out;
  const rolesHere = new Set(viewer.scope.filter((r) => r.communityId === item.communityId).map((r) => r.role));
  // A police officer who is not also grid staff of this item handles it as police (police-related or tier 3).
  const asGridStaff = coversItem(viewer.scope.filter((r) => ITEM_STAFF_ROLES.includes(r.role)), item);
  const open = !FINAL_STATUSES.includes(item.status);
  const add = (a: ItemAction, when: boolean) => when && out.add(a);

  add('reply', true);
  add('note', true);
  add('bulkAnswer', true);
  add('claim', open && item.assignedUserId === null);
  add('assign', open && [...rolesHere].some((r) => ASSIGNING_ROLES.includes(r)));
  add('reject', canMove(item.status, 'rejected'));
  add('resolve', canMove(item.status, 'resolved'));
  // Staff may reopen a resolved item at any time (residents have a 7-day window).
  add('reopen', item.status === 'resolved');
  add('route', canMove(item.status, 'routed') || item.status === 'routed');
  add('departmentAnswer', item.openDepartmentRequests > 0);
  add('accept', item.kind === 'tip' && canMove(item.status, 'accepted'));
  add('duplicate', canMove(item.status, 'duplicate'));
  add('escalate', open && item.tier < 3 && asGridStaff);
  add('mediate', item.categoryKey === DISPUTE_CATEGORY && canMove(item.status, 'resolved'));
  return out;
}
