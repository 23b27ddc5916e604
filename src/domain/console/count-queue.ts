// Counts for the work queue: items per status tab under the current filters, and the open count in the staff navigation.
import { and, count, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { submissions, type SubmissionStatus } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { FINAL_STATUSES } from '../submissions/status';
import { openSql, visibleItemsSql, worksItems, type StatusTab } from './queue-filter';

export type TabCounts = Record<StatusTab, number>;

/** One GROUP BY over the visible, filtered items; 'open' and 'all' are sums of the per-status counts. */
export async function countByStatus(db: DbOrTx, where: SQL[]): Promise<TabCounts> {
  const rows = await db
    .select({ status: submissions.status, n: count() })
    .from(submissions)
    .where(and(...where))
    .groupBy(submissions.status);
  const counts = { open: 0, all: 0 } as TabCounts;
  for (const r of rows) {
    const n = Number(r.n);
    counts[r.status as SubmissionStatus] = n;
    counts.all += n;
    if (!FINAL_STATUSES.includes(r.status)) counts.open += n;
  }
  return counts;
}

/** Items still waiting for work that this staff member may see; null when their roles do not work items at all. */
export async function countOpenItems(db: DbOrTx, scope: StaffScope): Promise<number | null> {
  if (!worksItems(scope)) return null;
  const [row] = await db.select({ n: count() }).from(submissions).where(and(visibleItemsSql(scope), openSql()));
  return Number(row.n);
}
