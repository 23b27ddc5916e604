// 未采纳: staff turn an item down with a reason the resident reads (required, public).
import type { DbOrTx } from '../../db/client';
import type { StaffScope } from '../auth/staff-scope';
import { recordStatusChange } from '../submissions/record-status-change';
import { updateItem } from './item-access';
import { runItemAction, type ItemActionInput } from './item-action';
import { staffText } from './staff-text';

export async function rejectItem(db: DbOrTx, scope: StaffScope, input: ItemActionInput) {
  return runItemAction(db, scope, input, 'reject', async ({ tx, item, now, audit }) => {
    const reason = staffText(input.form.reason, 'reason');
    await updateItem(tx, item.id, { status: 'rejected', firstAnsweredAt: item.firstAnsweredAt ?? now }, now);
    await recordStatusChange(tx, { submission: item, from: item.status, to: 'rejected', actorUserId: input.actorUserId, body: reason });
    await audit({ status: item.status }, { status: 'rejected', reason });
    return { id: item.id };
  });
}
