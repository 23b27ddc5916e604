// Stores a validated rule set as the next version for a community (used by the seeder; the editor comes with the ledger issue).
import { eq, max } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { ruleSets } from '../../db/schema';
import { ruleSetBodySchema } from './rule-set-schema';

export async function importRuleSet(
  db: DbOrTx,
  input: { communityId: number; effectiveFrom: string; body: unknown; createdBy?: number | null },
): Promise<{ id: number; version: number }> {
  const body = ruleSetBodySchema.parse(input.body);
  const [{ v }] = await db.select({ v: max(ruleSets.version) }).from(ruleSets).where(eq(ruleSets.communityId, input.communityId));
  const [row] = await db
    .insert(ruleSets)
    .values({ communityId: input.communityId, version: (v ?? 0) + 1, effectiveFrom: input.effectiveFrom, body, createdBy: input.createdBy ?? null })
    .returning({ id: ruleSets.id, version: ruleSets.version });
  return row;
}
