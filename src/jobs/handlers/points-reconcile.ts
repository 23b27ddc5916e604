// Nightly: recompute every points balance from the transfers and report differences (report only; a difference is a bug).
import { z } from 'zod';
import { reconcileBalances } from '../../domain/points/reconcile-balances';
import { defineJob } from '../define';

export const pointsReconcile = defineJob({
  name: 'points.reconcile',
  payload: z.object({ communityId: z.number().int().positive().optional() }),
  attempts: 2,
  backoffMs: 60_000,
  every: 24 * 60 * 60 * 1000,
  async handler(payload, ctx) {
    const report = await reconcileBalances(ctx.db, { communityId: payload.communityId });
    if (report.differences.length) {
      ctx.logger.error({ differences: report.differences.slice(0, 50), count: report.differences.length }, 'points ledger: cached balances differ from transfers');
    }
    return { accounts: report.accounts, transfers: report.transfers, differences: report.differences.length, totalOfBalances: report.totalOfBalances };
  },
});
