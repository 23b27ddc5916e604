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
  return { id: row.id, version: row.version, body: ruleSetBodySchema.parse(row.body) };
}
