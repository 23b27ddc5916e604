// A staff member takes an unclaimed item for themselves (认领); the timeline notes it privately.
import type { DbOrTx } from '../../db/client';
import { submissionEvents } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { updateItem } from './item-access';
import { runItemAction, type ItemActionInput } from './item-action';

export async function claimItem(db: DbOrTx, scope: StaffScope, input: ItemActionInput & { actorName: string }) {
  return runItemAction(db, scope, input, 'claim', async ({ tx, item, now, audit }) => {
    await updateItem(tx, item.id, { assignedUserId: input.actorUserId }, now);
    await tx.insert(submissionEvents).values({ submissionId: item.id, kind: 'assign', body: input.actorName, public: false, actorUserId: input.actorUserId, createdAt: now });
    await audit({ assignedUserId: item.assignedUserId }, { assignedUserId: input.actorUserId });
    return { id: item.id };
  });
}
