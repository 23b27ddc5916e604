// Who may see and act on a tip or wish in the staff console, and the one way every console action takes the item:
// scope checked (out of scope reads as not found), row locked, and the page's version compared so that an action
// taken on a stale page is refused instead of silently overwriting a colleague's decision.
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { submissions, type StaffRole } from '../../db/schema';
import { coversGrid, type StaffScope } from '../auth/staff-scope';
import { AppError, notFound } from '../errors';

/** Roles that work items in their grids (or the whole community when their role is community-wide). */
export const ITEM_STAFF_ROLES: readonly StaffRole[] = ['grid_worker', 'grid_leader', 'community_admin'];

export interface ItemScopeFacts {
  communityId: number;
  gridId: number | null;
  policeRelated: boolean;
  tier: number;
}

/**
 * Grid staff see items of their grids; an item with no grid belongs to community-wide roles. Community police see
 * police-related items and tier-3 escalations of their community (DESIGN: 网格 + 警格).
 */
export function coversItem(scope: StaffScope, item: ItemScopeFacts): boolean {
  const police = scope.some((r) => r.role === 'police' && r.communityId === item.communityId);
  if (police && (item.policeRelated || item.tier === 3)) return true;
  if (item.gridId === null) return scope.some((r) => ITEM_STAFF_ROLES.includes(r.role) && r.communityId === item.communityId && r.gridIds === null);
  return coversGrid(scope, { id: item.gridId, communityId: item.communityId }, ITEM_STAFF_ROLES);
}

/** Route params arrive as text: anything but a plain id reads as not found. */
export function parseItemId(raw: string): number {
  if (!/^\d{1,9}$/.test(raw)) throw notFound();
  return Number(raw);
}

/** The page's version, from a hidden form field; missing or malformed is a stale page. */
export function parseVersion(raw: unknown): number {
  const s = typeof raw === 'string' ? raw : '';
  if (!/^\d{1,9}$/.test(s)) throw staleItem();
  return Number(s);
}

export const staleItem = () => new AppError('conflict', 'console.err.stale');

export type LockedItem = typeof submissions.$inferSelect;

/**
 * Locks the item for an action in the caller's transaction. `expectedVersion` is the version the acting page showed;
 * when anyone changed the item since, the action is refused with 'console.err.stale' (409) and nothing is written.
 */
export async function lockItemForAction(tx: DbOrTx, scope: StaffScope, id: number, expectedVersion: number): Promise<LockedItem> {
  const [item] = await tx.select().from(submissions).where(eq(submissions.id, id)).for('update');
  if (!item || !coversItem(scope, item)) throw notFound();
  if (item.version !== expectedVersion) throw staleItem();
  return item;
}

/** Applies an action's changes and bumps the version (the row is already locked by lockItemForAction). */
export async function updateItem(tx: DbOrTx, id: number, set: Partial<typeof submissions.$inferInsert>, now: Date): Promise<void> {
  await tx
    .update(submissions)
    .set({ ...set, updatedAt: now, version: sql`${submissions.version} + 1` })
    .where(eq(submissions.id, id));
}
