// Nightly (and on "立即对账"): recompute every points balance from the transfers, store the run in reconciliation_runs
// and log differences (report only; a difference is a bug).
import { reconcileLedger } from '../../domain/points/reconcile-ledger';
import { bindJob } from '../define';

export const pointsReconcile = bindJob({
  name: 'points.reconcile',
  attempts: 2,
  backoffMs: 60_000,
  every: 24 * 60 * 60 * 1000,
  async handler(payload, ctx) {
    const report = await reconcileLedger(ctx.db, { communityId: payload.communityId, now: ctx.now() });
    if (report.differences.length) {
      ctx.logger.error({ differences: report.differences.slice(0, 50), count: report.differences.length, runId: report.runId }, 'points ledger: cached balances differ from transfers');
    }
    return { runId: report.runId, accounts: report.accounts, transfers: report.transfers, differences: report.differences.length, totalOfBalances: report.totalOfBalances };
  },
});
