// Tracking numbers like QY-2026-000123: per community and year, gap-free within a committed transaction.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { trackingCounters } from '../../db/schema';

export function formatTrackingNo(prefix: string, year: number, n: number): string {
  return `${prefix}-${year}-${String(n).padStart(6, '0')}`;
}

/** Call inside the transaction that inserts the item: the counter row lock serialises concurrent submits. */
export async function nextTrackingNo(tx: DbOrTx, community: { id: number; trackingPrefix: string }, year: number): Promise<string> {
  const [row] = await tx
    .insert(trackingCounters)
    .values({ communityId: community.id, year, last: 1 })
    .onConflictDoUpdate({ target: [trackingCounters.communityId, trackingCounters.year], set: { last: sql`${trackingCounters.last} + 1` } })
    .returning({ last: trackingCounters.last });
  return formatTrackingNo(community.trackingPrefix, year, row.last);
}
