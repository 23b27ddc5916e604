// The body of one rule set by id: items keep the id they were filed under, so verification, awards and the console
// judge an item by the same (immutable) rules.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { ruleSets } from '../../db/schema';
import { ruleSetBodySchema, type RuleSetBody } from './rule-set-schema';

export async function ruleSetBody(db: DbOrTx, ruleSetId: number): Promise<RuleSetBody | null> {
  const [rs] = await db.select({ body: ruleSets.body }).from(ruleSets).where(eq(ruleSets.id, ruleSetId));
  return rs ? ruleSetBodySchema.parse(rs.body) : null;
}
