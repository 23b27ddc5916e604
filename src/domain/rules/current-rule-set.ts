// The rule set in force for a community at a moment: the highest version whose effective date (local calendar day) has come.
import { and, desc, eq, lte } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { ruleSets } from '../../db/schema';
import { AppError } from '../errors';
import { localClock } from '../points/clock';
import { ruleSetBodySchema, type RuleSetBody } from './rule-set-schema';

export interface LoadedRuleSet {
  id: number;
  version: number;
  body: RuleSetBody;
}

export async function currentRuleSet(db: DbOrTx, communityId: number, at = new Date(), timeZone = 'Asia/Shanghai'): Promise<LoadedRuleSet> {
  // Effective dates are local days: a version effective "today" is in force from local midnight, not from 08:00 (UTC midnight).
  const day = localClock(at, timeZone).day;
  const [row] = await db
    .select()
    .from(ruleSets)
    .where(and(eq(ruleSets.communityId, communityId), lte(ruleSets.effectiveFrom, day)))
    .orderBy(desc(ruleSets.version))
    .limit(1);
  if (!row) throw new AppError('unavailable', 'rules.err.none');
  return { id: row.id, version: row.version, body: validated(`${row.id}:${row.createdAt.toISOString()}`, row.body) };
}

/**
 * Rule sets never change: each body is validated once per process (the queue page reads the current one on every
 * view). created_at in the key tells two databases' rule set 1 apart (tests clone many into one process).
 */
const bodies = new Map<string, RuleSetBody>();
function validated(key: string, raw: unknown): RuleSetBody {
  let body = bodies.get(key);
  if (!body) {
    body = ruleSetBodySchema.parse(raw);
    if (bodies.size >= 500) bodies.delete(bodies.keys().next().value!);
    bodies.set(key, body);
  }
  return body;
}
