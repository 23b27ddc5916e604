// Staff reopen a resolved item (no 7-day limit, unlike residents): back to 处理中 with an optional public reason.
import type { DbOrTx } from '../../db/client';
import type { StaffScope } from '../auth/staff-scope';
import { recordStatusChange } from '../submissions/record-status-change';
import { updateItem } from './item-access';
import { runItemAction, type ItemActionInput } from './item-action';
import { staffText } from './staff-text';

export async function reopenItem(db: DbOrTx, scope: StaffScope, input: ItemActionInput) {
  return runItemAction(db, scope, input, 'reopen', async ({ tx, item, now, audit }) => {
    const reason = staffText(input.form.reason, 'reason', { optional: true });
    await updateItem(tx, item.id, { status: 'in_progress', resolvedAt: null }, now);
    await recordStatusChange(tx, { submission: item, from: item.status, to: 'in_progress', actorUserId: input.actorUserId, body: reason || undefined });
    await audit({ status: item.status, resolvedAt: item.resolvedAt }, { status: 'in_progress', resolvedAt: null, reason });
    return { id: item.id };
  });
}
