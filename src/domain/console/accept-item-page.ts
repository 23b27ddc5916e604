// What the console's points/tier/mediation pages show about one item (scope-checked, author never included), and the
// accept form's suggested amount and allowed range.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { submissions } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { notFound } from '../errors';
import { ruleSetBody } from '../rules/rule-set-body';
import type { Category, RuleSetBody } from '../rules/rule-set-schema';
import { canMove } from '../submissions/status';
import { coversItem, parseItemId } from './item-access';

/** The rule set an item was filed under (immutable, so the same body the award will be judged by). */
export async function itemRules(db: DbOrTx, ruleSetId: number): Promise<RuleSetBody> {
  const body = await ruleSetBody(db, ruleSetId);
  if (!body) throw new Error(`rule set ${ruleSetId} of an item is missing`);
  return body;
}

export async function actionItem(db: DbOrTx, scope: StaffScope, rawId: string) {
  const id = parseItemId(rawId);
  const [s] = await db.select().from(submissions).where(eq(submissions.id, id));
  if (!s || !coversItem(scope, s)) throw notFound();
  const rules = await itemRules(db, s.ruleSetId);
  const category = rules.categories.find((c) => c.key === s.categoryKey);
  return {
    rules,
    category,
    item: {
      id: s.id, communityId: s.communityId, trackingNo: s.trackingNo, kind: s.kind, categoryKey: s.categoryKey, category: category?.label ?? s.categoryKey,
      description: s.description, status: s.status, tier: s.tier as 1 | 2 | 3, tierSince: s.tierSince, slaDueAt: s.slaDueAt, version: s.version,
      anonymous: s.anonymous, probableDuplicateOfId: s.probableDuplicateOfId, duplicateOfId: s.duplicateOfId, suggestedPoints: s.suggestedPoints,
      settledTier: s.settledTier,
    },
  };
}

export type ActionItem = Awaited<ReturnType<typeof actionItem>>['item'];

/** The verification job's suggestion when it is inside the category's range, else the category default. */
export function suggestedAmount(category: Pick<Category, 'min' | 'max' | 'default'>, suggested: number | null): number {
  return suggested !== null && suggested >= category.min && suggested <= category.max ? suggested : category.default;
}

export async function acceptItemPage(db: DbOrTx, scope: StaffScope, rawId: string) {
  const { item, rules, category } = await actionItem(db, scope, rawId);
  return {
    item,
    canAccept: canMove(item.status, 'accepted') && !!category,
    range: category ? { min: category.min, max: category.max } : null,
    suggested: category ? suggestedAmount(category, item.suggestedPoints) : null,
    secondApproverAbove: rules.second_approver_above,
  };
}
