// The most similar recent item (same community and category, same place or grid, not refused), if similar enough.
// Candidates come from one GiST index over community, category, grid, place, time and the description's trigrams
// (pg_trgm `%`, default threshold 0.3, best first), so the cost per item follows the recent similar texts at that
// place or grid, not the history's length nor the rest of the community; the few found are then
// scored with the bigram Dice coefficient of similarity.ts, whose threshold decides.
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { query } from '../points/ledger-sql';
import { DUPLICATE_THRESHOLD, similarity } from '../submissions/similarity';

export const DUPLICATE_WINDOW_DAYS = 14;
/** Candidates scored per item: the most trigram-similar ones. */
const MAX_CANDIDATES = 20;

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
  const since = new Date(now.getTime() - DUPLICATE_WINDOW_DAYS * 86400_000).toISOString();
  // "Same place or same grid" as two searches that each use the index for their condition (an OR of the two cannot):
  // the same grid, and the same place where its grid differs (or the item has none). Each returns its most similar
  // 20 nearest first (GiST distance order), and the two together are cut to the 20 most similar.
  const branch = (where: SQL) => sql`(select id, tracking_no, description, created_at, similarity(description, ${item.description}) as sim
      from submissions
     where description % ${item.description}
       and community_id = ${item.communityId} and category_key = ${item.categoryKey} and ${where}
       and id <> ${item.id} and status <> 'rejected' and created_at >= ${since}::timestamptz
     order by description <-> ${item.description}
     limit ${MAX_CANDIDATES})`;
  const candidates = await query<{ id: number; tracking_no: string; description: string | null }>(
    tx,
    sql`select id, tracking_no, description from (
          ${branch(sql`grid_id = ${item.gridId}::int`)}
          union all
          ${branch(sql`place_id = ${item.placeId}::int and (${item.gridId}::int is null or grid_id is distinct from ${item.gridId}::int)`)}
        ) c
        order by sim desc, created_at desc
        limit ${MAX_CANDIDATES}`,
    { prepared: true },
  );
  let best: ProbableDuplicate | null = null;
  for (const c of candidates) {
    const score = similarity(item.description, c.description ?? '');
    if (!best || score > best.score) best = { id: Number(c.id), trackingNo: c.tracking_no, score };
  }
  return best && best.score >= DUPLICATE_THRESHOLD ? best : null;
}
