// The staff console's permission SPEC, written from the issue and DESIGN ("who uses it"), not read off the code:
// which role may take which unsafe action, and what every other visitor is answered. console-permissions.test.ts
// checks it against the built app's route table and against every role, in and out of scope.
import type { StaffRole } from '../../src/db/schema';

/**
 * Roles with any business in the console. Organisers (teams, shifts) and clerks (voucher hand-out) have none: the
 * console refuses them outright.
 */
export const CONSOLE_ROLES: readonly StaffRole[] = ['grid_worker', 'grid_leader', 'community_admin', 'police'];

/** Everyone who handles items: grid workers (own grids), grid leaders, community admins, and police (their items). */
const HANDLERS: readonly StaffRole[] = CONSOLE_ROLES;
/** Points, tiers and mediation are the grid line's work (网格员 → 网格长 → 社区); police handle, not reward. */
const GRID_LINE: readonly StaffRole[] = ['grid_worker', 'grid_leader', 'community_admin'];
/** Handing an item to a colleague and the second approval of large awards: 网格长 and the community admin. */
const LEADERS: readonly StaffRole[] = ['grid_leader', 'community_admin'];

export type ActionName =
  | 'claim' | 'assign' | 'reply' | 'note' | 'reject' | 'resolve' | 'reopen' | 'route' | 'departmentAnswer' | 'bulkAnswer'
  | 'accept' | 'duplicate' | 'escalate' | 'mediate' | 'approve' | 'rejectAward';

export interface ActionSpec {
  name: ActionName;
  /** The route as the app registers it. Several specs may share one route (a reply and a private note). */
  route: string;
  allowed: readonly StaffRole[];
}

export const SPEC: readonly ActionSpec[] = [
  { name: 'claim', route: '/staff/items/:id/claim', allowed: HANDLERS },
  { name: 'assign', route: '/staff/items/:id/assign', allowed: LEADERS },
  { name: 'reply', route: '/staff/items/:id/reply', allowed: HANDLERS },
  { name: 'note', route: '/staff/items/:id/reply', allowed: HANDLERS },
  { name: 'reject', route: '/staff/items/:id/reject', allowed: HANDLERS },
  { name: 'resolve', route: '/staff/items/:id/resolve', allowed: HANDLERS },
  { name: 'reopen', route: '/staff/items/:id/reopen', allowed: HANDLERS },
  { name: 'route', route: '/staff/items/:id/route', allowed: HANDLERS },
  { name: 'departmentAnswer', route: '/staff/items/:id/department-answer', allowed: HANDLERS },
  { name: 'bulkAnswer', route: '/staff/items/:id/bulk-answer', allowed: HANDLERS },
  { name: 'accept', route: '/staff/items/:id/accept', allowed: GRID_LINE },
  { name: 'duplicate', route: '/staff/items/:id/duplicate', allowed: GRID_LINE },
  { name: 'escalate', route: '/staff/items/:id/escalate', allowed: GRID_LINE },
  { name: 'mediate', route: '/staff/items/:id/mediate', allowed: GRID_LINE },
  { name: 'approve', route: '/staff/approvals/:id/approve', allowed: LEADERS },
  { name: 'rejectAward', route: '/staff/approvals/:id/reject', allowed: LEADERS },
];

export type Subject =
  | { kind: 'anonymous' }
  | { kind: 'resident' }
  | { kind: 'staff'; role: StaffRole; inScope: boolean };

/** 'signin' = 303 to /staff/login; 'ok' = the action is carried out (2xx/3xx and the item changed). */
export type Expected = 'signin' | 'ok' | 403 | 404;

/**
 * - not signed in as staff (anonymous, or a signed-in resident) → sent to the staff sign-in;
 * - a role the action is never open to (and organiser, clerk) → 403, in or out of scope alike: the refusal does not
 *   depend on the item, so it tells nothing about it;
 * - a role the action is open to, on an item outside its scope → 404, exactly as for a missing item;
 * - in scope → done.
 */
export function expected(spec: ActionSpec, s: Subject): Expected {
  if (s.kind !== 'staff') return 'signin';
  if (!CONSOLE_ROLES.includes(s.role) || !spec.allowed.includes(s.role)) return 403;
  return s.inScope ? 'ok' : 404;
}
