// One stored version of a community's rule set, for the readable view, the editor and the comparison; others read as not found.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { ruleSets, users } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { managedCommunity } from '../communities/managed-community';
import { notFound } from '../errors';
import { ruleSetBodySchema, type RuleSetBody } from './rule-set-schema';

export interface StoredRuleSet {
  id: number;
  version: number;
  effectiveFrom: string;
  createdAt: Date;
  createdByName: string | null;
  body: RuleSetBody;
}

/** Versions in URLs are 1–6 digits; anything else ("abc", "-1", "1;select 1") is not found, never a 500. */
export function parseVersion(raw: string | undefined): number {
  if (!raw || !/^\d{1,6}$/.test(raw)) throw notFound();
  return Number(raw);
}

export async function loadRuleSet(db: DbOrTx, communityId: number, version: number): Promise<StoredRuleSet | null> {
  const [row] = await db
    .select({ id: ruleSets.id, version: ruleSets.version, effectiveFrom: ruleSets.effectiveFrom, createdAt: ruleSets.createdAt, createdByName: users.displayName, body: ruleSets.body })
    .from(ruleSets)
    .leftJoin(users, eq(users.id, ruleSets.createdBy))
    .where(and(eq(ruleSets.communityId, communityId), eq(ruleSets.version, version)))
    .limit(1);
  return row ? { ...row, body: ruleSetBodySchema.parse(row.body) } : null;
}

export async function getRuleSet(db: DbOrTx, scope: StaffScope, communityId: number, version: number) {
  const community = await managedCommunity(db, scope, communityId);
  const ruleSet = await loadRuleSet(db, community.id, version);
  if (!ruleSet) throw notFound();
  return { community, ruleSet };
}
