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

/**
 * Actions only some roles take, whatever the item's state; every other action is open to whoever the item's scope
 * admits. Points, tiers and mediation are the grid line's (police handle items, they do not reward or escalate them).
 */
const ROLE_GATED: Partial<Record<ItemAction, readonly StaffRole[]>> = {
  assign: ASSIGNING_ROLES, accept: ITEM_STAFF_ROLES, duplicate: ITEM_STAFF_ROLES, escalate: ITEM_STAFF_ROLES, mediate: ITEM_STAFF_ROLES,
};

/** The viewer holds a role that may take the action on some item (else refuse with 403 before reading any item). */
export const mayEverTake = (scope: StaffScope, action: ItemAction): boolean => {
  const roles = ROLE_GATED[action];
  return !roles || scope.some((r) => roles.includes(r.role));
};

/** The viewer may take the action on this item by a role that covers it (its state aside). */
export function roleAllows(scope: StaffScope, item: ItemScopeFacts, action: ItemAction): boolean {
  const roles = ROLE_GATED[action];
  return !roles || coversItem(scope.filter((r) => roles.includes(r.role)), item);
}

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
  const open = !FINAL_STATUSES.includes(item.status);
  const add = (a: ItemAction, when: boolean) => when && roleAllows(viewer.scope, item, a) && out.add(a);

  add('reply', true);
  add('note', true);
  add('bulkAnswer', true);
  add('claim', open && item.assignedUserId === null);
  add('assign', open);
  add('reject', canMove(item.status, 'rejected'));
  add('resolve', canMove(item.status, 'resolved'));
  // Staff may reopen a resolved item at any time (residents have a 7-day window).
  add('reopen', item.status === 'resolved');
  add('route', canMove(item.status, 'routed') || item.status === 'routed');
  add('departmentAnswer', item.openDepartmentRequests > 0);
  add('accept', item.kind === 'tip' && canMove(item.status, 'accepted'));
  add('duplicate', canMove(item.status, 'duplicate'));
  // A police officer who is not also grid staff of this item handles it as police (police-related or tier 3).
  add('escalate', open && item.tier < 3);
  add('mediate', item.categoryKey === DISPUTE_CATEGORY && canMove(item.status, 'resolved'));
  return out;
}
