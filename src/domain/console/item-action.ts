// The frame every item-page action runs in: parse id and version, one transaction, scope + version checked under the row
// lock (item-access.ts), the action re-checked against the item's current state, and the audit row written alongside.
import { and, count, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { departmentRequests } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { recordAudit } from '../audit/record-audit';
import { AppError } from '../errors';
import { availableActions, mayEverTake, roleAllows, type ItemAction } from './available-actions';
import { lockItemForAction, parseItemId, parseVersion, type LockedItem } from './item-access';

const forbidden = () => new AppError('forbidden', 'error.403');

export interface ItemActionInput {
  rawId: string;
  form: Record<string, string>;
  actorUserId: number;
  ip?: string;
  now?: Date;
}

export async function openDepartmentRequests(db: DbOrTx, submissionId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(departmentRequests)
    .where(and(eq(departmentRequests.submissionId, submissionId), isNull(departmentRequests.answeredAt)));
  return row?.n ?? 0;
}

export interface ActionCtx {
  tx: DbOrTx;
  item: LockedItem;
  now: Date;
  /** Writes the audit row for this action (item.<action>) with before/after. */
  audit: (before: unknown, after: unknown) => Promise<void>;
}

export async function runItemAction<T>(
  db: DbOrTx,
  scope: StaffScope,
  input: ItemActionInput,
  action: ItemAction,
  run: (ctx: ActionCtx) => Promise<T>,
): Promise<T> {
  // A role that may never take the action is refused before any item is read, so the answer says nothing about the item.
  if (!mayEverTake(scope, action)) throw forbidden();
  const id = parseItemId(input.rawId);
  const version = parseVersion(input.form.version);
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const item = await lockItemForAction(tx, scope, id, version);
    // Not the viewer's role for this item → 403; the item's state does not allow it (now) → 409.
    if (!roleAllows(scope, item, action)) throw forbidden();
    const facts = { ...item, openDepartmentRequests: await openDepartmentRequests(tx, item.id) };
    if (!availableActions({ userId: input.actorUserId, scope }, facts).has(action)) throw new AppError('conflict', 'console.err.notAllowed');
    const audit = (before: unknown, after: unknown) =>
      recordAudit(tx, { actorUserId: input.actorUserId, communityId: item.communityId, action: `item.${action}`, targetType: 'submission', targetId: item.id, before, after, ip: input.ip });
    return run({ tx, item, now, audit });
  });
}
