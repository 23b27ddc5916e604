// One reconciliation run: recompute every balance (reconcileBalances) and store what it found in reconciliation_runs,
// which the admin page (/admin/ledger) and the anlin_ledger_differences metric read. Report only: nothing is "fixed".
import type { DbOrTx } from '../../db/client';
import { reconciliationRuns } from '../../db/schema';
import { reconcileRewards, type RewardsDifference } from '../rewards/reconcile-rewards';
import { reconcileBalances, type BalanceDifference, type ReconcileReport } from './reconcile-balances';

/**
 * 积分超市 differences (a redemption hold without a voucher, a voucher whose hold is settled against its status, stock
 * or seats that do not match their history) in the run's one list: the hold account, or the item/session as `period`.
 */
const asDifference = (d: RewardsDifference): BalanceDifference => ({
  accountId: d.accountId, communityId: d.communityId, kind: d.problem === 'stock' || d.problem === 'seats' ? 'redemption' : 'hold',
  ownerUserId: null, period: `${d.problem}:${d.ref}`, cached: d.actual, computed: d.expected, lots: null,
});

/** Differences kept on the row: enough to investigate; the count is always complete. */
export const MAX_STORED_DIFFERENCES = 200;

export async function reconcileLedger(db: DbOrTx, opts: { communityId?: number; now?: Date } = {}): Promise<ReconcileReport & { runId: number }> {
  const balances = await reconcileBalances(db, { communityId: opts.communityId });
  const rewards = await reconcileRewards(db, { communityId: opts.communityId });
  const report = { ...balances, differences: [...balances.differences, ...rewards.map(asDifference)] };
  const [run] = await db
    .insert(reconciliationRuns)
    .values({
      communityId: opts.communityId ?? null,
      accounts: report.accounts,
      transfers: report.transfers,
      differenceCount: report.differences.length,
      differences: report.differences.slice(0, MAX_STORED_DIFFERENCES),
      ranAt: opts.now ?? new Date(),
    })
    .returning({ id: reconciliationRuns.id });
  return { ...report, runId: run.id };
}
