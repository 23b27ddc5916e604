// The workbench summary a staff member sees first: how many items wait, how many are overdue, unclaimed or theirs,
// and how many awards wait for their approval — each a link into the filtered queue.
import { and, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { submissions } from '../../db/schema';
import { hasAnyRole, type StaffScope } from '../auth/staff-scope';
import { APPROVER_ROLES, listAwardRequests } from './list-award-requests';
import { openSql, visibleItemsSql, worksItems } from './queue-filter';

export interface Workload {
  open: number;
  overdue: number;
  unassigned: number;
  mine: number;
  /** Null when the member approves no awards. */
  approvals: number | null;
  /** Police: their view of police-related and tier-3 items. */
  police: boolean;
}

export async function summarizeWorkload(db: DbOrTx, scope: StaffScope, userId: number, now = new Date()): Promise<Workload | null> {
  if (!worksItems(scope)) return null;
  // One pass with FILTER clauses over the same visible, open items the queue lists.
  const [row] = await db
    .select({
      open: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) filter (where ${submissions.slaDueAt} < ${now.toISOString()}::timestamptz))::int`,
      unassigned: sql<number>`(count(*) filter (where ${submissions.assignedUserId} is null))::int`,
      mine: sql<number>`(count(*) filter (where ${submissions.assignedUserId} = ${userId}))::int`,
    })
    .from(submissions)
    .where(and(visibleItemsSql(scope), openSql()));
  const approvals = hasAnyRole(scope, APPROVER_ROLES) ? (await listAwardRequests(db, scope, userId)).length : null;
  return { ...row, approvals, police: scope.some((r) => r.role === 'police') };
}
