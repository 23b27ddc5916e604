// The body of one rule set by id: items keep the id they were filed under, so verification, awards and the console
// judge an item by the same (immutable) rules.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { query } from '../points/ledger-sql';
import { ruleSetBodySchema, type RuleSetBody } from './rule-set-schema';

/**
 * Rule sets never change, so each body is fetched and validated once per process: later reads ask only for its
 * created_at, which also tells two databases' rule set 1 apart (tests clone many databases into one process).
 */
const cache = new Map<number, { stamp: string; body: RuleSetBody }>();

export async function ruleSetBody(db: DbOrTx, ruleSetId: number): Promise<RuleSetBody | null> {
  const known = cache.get(ruleSetId);
  const [rs] = await query<{ stamp: string; body: string | null }>(
    db,
    sql`select created_at::text as stamp, case when created_at::text = ${known?.stamp ?? ''} then null else body::text end as body
          from rule_sets where id = ${ruleSetId}`,
    { prepared: true },
  );
  if (!rs) return null;
  if (known && rs.body === null) return known.body;
  const body = ruleSetBodySchema.parse(JSON.parse(rs.body!));
  if (cache.size >= 500) cache.delete(cache.keys().next().value!);
  cache.set(ruleSetId, { stamp: rs.stamp, body });
  return body;
}
