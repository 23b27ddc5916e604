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

/**
 * A scalar subquery: the candidates of the item row `s` (columns id, community_id, category_key, description,
 * place_id, grid_id) as JSON text, [[id, tracking_no, description], …], most trigram-similar first; '[]' when the
 * item has no text or neither place nor grid. It runs inside a bigger statement (verification reads the item and its
 * candidates in one), with `now` (timestamptz) the verification's time. The window's start is a sub-select, so the
 * planner cannot estimate it from the value even when it knows it: its plans with and without the values cost the
 * same, and PostgreSQL keeps one generic plan for the prepared statement. With the start as a value it judged the
 * generic plan dearer and planned the whole statement again on every run (0.55 ms, a fifth of a verify job).
 * "Same place or same grid" as two searches that each use the index for their condition (an OR of the two cannot):
 * the same grid, and the same place where its grid differs (or the item has none). Each returns its most similar 20
 * nearest first (GiST distance order), and the two together are cut to the 20 most similar.
 */
export function duplicateCandidatesSql(now: SQL): SQL {
  const since = sql`(select ${now} - interval '${sql.raw(String(DUPLICATE_WINDOW_DAYS * 24))} hours')`;
  const branch = (where: SQL) => sql`(select o.id, o.tracking_no, o.description, o.created_at, similarity(o.description, s.description) as sim
      from submissions o
     where o.description % s.description
       and o.community_id = s.community_id and o.category_key = s.category_key and ${where}
       and o.id <> s.id and o.status <> 'rejected' and o.created_at >= ${since}
     order by o.description <-> s.description
     limit ${sql.raw(String(MAX_CANDIDATES))})`;
  return sql`(select coalesce(json_agg(json_build_array(c.id, c.tracking_no, c.description) order by c.sim desc, c.created_at desc), '[]')::text
      from (select * from (
          ${branch(sql`o.grid_id = s.grid_id`)}
          union all
          ${branch(sql`o.place_id = s.place_id and (s.grid_id is null or o.grid_id is distinct from s.grid_id)`)}
        ) u order by sim desc, created_at desc limit ${sql.raw(String(MAX_CANDIDATES))}) c)`;
}

/** Scores the candidates (JSON text from duplicateCandidatesSql) against the item's text; the best if close enough. */
export function bestDuplicate(description: string | null, candidatesJson: string): ProbableDuplicate | null {
  if (!description) return null;
  let best: ProbableDuplicate | null = null;
  for (const [id, trackingNo, text] of JSON.parse(candidatesJson) as [number, string, string | null][]) {
    const score = similarity(description, text ?? '');
    if (!best || score > best.score) best = { id: Number(id), trackingNo, score };
  }
  return best && best.score >= DUPLICATE_THRESHOLD ? best : null;
}

/** The probable duplicate of an item described by its fields (it need not be stored: id 0 matches nothing). */
export async function findProbableDuplicate(
  tx: DbOrTx,
  item: { id: number; communityId: number; categoryKey: string; description: string | null; placeId: number | null; gridId: number | null },
  now: Date,
): Promise<ProbableDuplicate | null> {
  const [row] = await query<{ candidates: string }>(
    tx,
    sql`select ${duplicateCandidatesSql(sql`${now.toISOString()}::timestamptz`)} as candidates
          from (select ${item.id}::int as id, ${item.communityId}::int as community_id, ${item.categoryKey}::text as category_key,
                       ${item.description}::text as description, ${item.placeId}::int as place_id, ${item.gridId}::int as grid_id) s`,
  );
  return bestDuplicate(item.description, row.candidates);
}
