// One reconciliation run: recompute every balance (reconcileBalances) and store what it found in reconciliation_runs,
// which the admin page (/admin/ledger) and the anlin_ledger_differences metric read. Report only: nothing is "fixed".
import type { DbOrTx } from '../../db/client';
import { reconciliationRuns } from '../../db/schema';
import { reconcileBalances, type ReconcileReport } from './reconcile-balances';

/** Differences kept on the row: enough to investigate; the count is always complete. */
export const MAX_STORED_DIFFERENCES = 200;

export async function reconcileLedger(db: DbOrTx, opts: { communityId?: number; now?: Date } = {}): Promise<ReconcileReport & { runId: number }> {
  const report = await reconcileBalances(db, { communityId: opts.communityId });
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
