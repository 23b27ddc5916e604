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
  return rs ? ruleSetBodyFromRead(db, ruleSetId, rs.stamp, rs.body) : null;
}

/**
 * The body from a read that sent the cached stamps (knownRuleSetStamps) and got `text` back: the cached body when
 * none was sent, else the text, validated once. If the cache entry changed since the stamps were sent (another
 * database's rule set of the same id, read meanwhile), the body is read again rather than guessed.
 */
export async function ruleSetBodyFromRead(db: DbOrTx, ruleSetId: number, stamp: string, text: string | null): Promise<RuleSetBody> {
  const known = cache.get(ruleSetId);
  if (text === null && known?.stamp === stamp) return known.body;
  return remember(ruleSetId, stamp, text ?? (await fullBody(db, ruleSetId)));
}

async function fullBody(db: DbOrTx, ruleSetId: number): Promise<string> {
  const [rs] = await query<{ body: string }>(db, sql`select body::text as body from rule_sets where id = ${ruleSetId}`);
  return rs.body;
}

let knownJson: string | null = null;

/**
 * For a statement that reads a rule set alongside other things: the cached rule sets' stamps as JSON text
 * ({"id": "created_at"}), to be passed as a parameter so the statement sends a body only when it is not cached:
 * `case when rs.created_at::text = ($known::jsonb ->> rs.id::text) then null else rs.body::text end`.
 */
export function knownRuleSetStamps(): string {
  knownJson ??= JSON.stringify(Object.fromEntries([...cache].map(([id, v]) => [id, v.stamp])));
  return knownJson;
}

function remember(ruleSetId: number, stamp: string, text: string): RuleSetBody {
  const body = ruleSetBodySchema.parse(JSON.parse(text));
  if (cache.size >= 500) cache.delete(cache.keys().next().value!);
  cache.set(ruleSetId, { stamp, body });
  knownJson = null;
  return body;
}
