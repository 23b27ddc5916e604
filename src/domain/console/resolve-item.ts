// 已办结: staff close an item with the public answer; the resident is notified and their page offers the rating.
import type { DbOrTx } from '../../db/client';
import type { StaffScope } from '../auth/staff-scope';
import { recordStatusChange } from '../submissions/record-status-change';
import { updateItem } from './item-access';
import { runItemAction, type ItemActionInput } from './item-action';
import { staffText } from './staff-text';

export async function resolveItem(db: DbOrTx, scope: StaffScope, input: ItemActionInput) {
  return runItemAction(db, scope, input, 'resolve', async ({ tx, item, now, audit }) => {
    const answer = staffText(input.form.answer, 'answer');
    await updateItem(tx, item.id, { status: 'resolved', resolvedAt: now, firstAnsweredAt: item.firstAnsweredAt ?? now }, now);
    await recordStatusChange(tx, { submission: item, from: item.status, to: 'resolved', actorUserId: input.actorUserId, body: answer });
    await audit({ status: item.status, resolvedAt: item.resolvedAt }, { status: 'resolved', resolvedAt: now, answer });
    return { id: item.id };
  });
}
