// Credits the helper of a fulfilled wish under the rule set's `wish_fulfilment` rule, through the ledger's award path.
import type { DbOrTx } from '../../db/client';
import { awardPoints } from '../points/award-points';

export type WishCreditResult = { credited: true; points: number } | { credited: false; reason: 'pending_second_approval' };

/**
 * Runs inside the confirmation's transaction (as a savepoint): if the ledger refuses (fund exhausted, a cap, a rule),
 * the confirmation is undone too and the staff member sees the ledger's message. The ledger's idempotency key
 * (`award:wish_fulfilment:<submission>`) makes a repeated confirmation pay nothing twice.
 */
export async function creditWishFulfilment(
  tx: DbOrTx,
  input: { communityId: number; submissionId: number; helperUserId: number; approverUserId: number; now?: Date },
): Promise<WishCreditResult> {
  const result = await awardPoints(tx, {
    communityId: input.communityId,
    approverUserId: input.approverUserId,
    contribution: { kind: 'wish_fulfilment', submissionId: input.submissionId, recipientUserId: input.helperUserId },
    now: input.now,
  });
  return result.status === 'paid' ? { credited: true, points: result.amount } : { credited: false, reason: 'pending_second_approval' };
}
