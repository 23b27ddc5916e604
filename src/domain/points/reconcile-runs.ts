// Reads reconciliation runs: the admin ledger page (latest run, its differences in the admin's communities, history)
// and the metric (difference count of the latest run, read at scrape time from whichever process serves /metrics).
import { and, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { jobOutbox, reconciliationRuns } from '../../db/schema';
import type { BalanceDifference } from './reconcile-balances';

export interface RunView {
  id: number;
  ranAt: Date;
  accounts: number;
  transfers: number;
  /** Differences in the viewer's communities (from the stored list). */
  differences: BalanceDifference[];
  /** True when the run found more differences than it stored. */
  truncated: boolean;
}

export interface LedgerOverview {
  latest: RunView | null;
  history: RunView[];
  /** A reconciliation is waiting in the outbox (e.g. "立即对账" pressed, not run yet). */
  pending: boolean;
}

const HISTORY = 20;

export async function getLedgerOverview(db: DbOrTx, communityIds: number[]): Promise<LedgerOverview> {
  if (communityIds.length === 0) return { latest: null, history: [], pending: false };
  const rows = await db
    .select()
    .from(reconciliationRuns)
    .where(or(isNull(reconciliationRuns.communityId), inArray(reconciliationRuns.communityId, communityIds)))
    .orderBy(desc(reconciliationRuns.ranAt), desc(reconciliationRuns.id))
    .limit(HISTORY);
  const [pending] = await db
    .select({ id: jobOutbox.id })
    .from(jobOutbox)
    .where(and(eq(jobOutbox.name, 'points.reconcile'), eq(jobOutbox.status, 'pending')))
    .limit(1);
  const history = rows.map((r): RunView => {
    const all = r.differences as BalanceDifference[];
    return {
      id: r.id, ranAt: r.ranAt, accounts: r.accounts, transfers: r.transfers,
      differences: all.filter((d) => communityIds.includes(d.communityId)),
      truncated: r.differenceCount > all.length,
    };
  });
  return { latest: history[0] ?? null, history, pending: pending !== undefined };
}

/** Difference count of the latest run over all communities; null before the first one. */
export async function latestDifferenceCount(db: DbOrTx): Promise<number | null> {
  const [row] = await db
    .select({ n: reconciliationRuns.differenceCount })
    .from(reconciliationRuns)
    .where(isNull(reconciliationRuns.communityId))
    .orderBy(desc(reconciliationRuns.ranAt), desc(reconciliationRuns.id))
    .limit(1);
  return row ? row.n : null;
}
