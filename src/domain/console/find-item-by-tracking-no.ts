// The queue's search box given a tracking number: the item's id when this member may open it, else null.
// Out of scope and nonexistent answer alike (null), so the box cannot be used to learn which numbers exist elsewhere.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { submissions } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { policeViewSql, trackingNoOf, visibleItemsSql } from './queue-filter';

export async function findItemByTrackingNo(db: DbOrTx, input: { scope: StaffScope; police: boolean; q: string }): Promise<number | null> {
  const trackingNo = trackingNoOf(input.q);
  if (!trackingNo) return null;
  const [row] = await db
    .select({ id: submissions.id })
    .from(submissions)
    .where(and(eq(submissions.trackingNo, trackingNo), visibleItemsSql(input.scope), ...(input.police ? [policeViewSql(input.scope)] : [])))
    .limit(1);
  return row?.id ?? null;
}
