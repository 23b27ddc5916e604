// The most similar recent item (same community and category, same place or grid, not refused), if similar enough.
import { and, desc, eq, gte, ne, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { submissions } from '../../db/schema';
import { DUPLICATE_THRESHOLD, similarity } from '../submissions/similarity';

export const DUPLICATE_WINDOW_DAYS = 14;
/** Candidates compared per item: the newest ones; older near-duplicates are rare and staff still see the list. */
const MAX_CANDIDATES = 200;

export interface ProbableDuplicate {
  id: number;
  trackingNo: string;
  score: number;
}

export async function findProbableDuplicate(
  tx: DbOrTx,
  item: { id: number; communityId: number; categoryKey: string; description: string | null; placeId: number | null; gridId: number | null },
  now: Date,
): Promise<ProbableDuplicate | null> {
  if (!item.description || (item.placeId === null && item.gridId === null)) return null;
  const where: SQL[] = [];
  if (item.placeId !== null) where.push(eq(submissions.placeId, item.placeId));
  if (item.gridId !== null) where.push(eq(submissions.gridId, item.gridId));
  const candidates = await tx
    .select({ id: submissions.id, trackingNo: submissions.trackingNo, description: submissions.description })
    .from(submissions)
    .where(
      and(
        eq(submissions.communityId, item.communityId),
        eq(submissions.categoryKey, item.categoryKey),
        ne(submissions.id, item.id),
        ne(submissions.status, 'rejected'),
        gte(submissions.createdAt, new Date(now.getTime() - DUPLICATE_WINDOW_DAYS * 86400_000)),
        or(...where),
      ),
    )
    .orderBy(desc(submissions.createdAt))
    .limit(MAX_CANDIDATES);

  let best: ProbableDuplicate | null = null;
  for (const c of candidates) {
    const score = similarity(item.description, c.description ?? '');
    if (!best || score > best.score) best = { id: c.id, trackingNo: c.trackingNo, score };
  }
  return best && best.score >= DUPLICATE_THRESHOLD ? best : null;
}
