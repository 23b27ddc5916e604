// Category names for items: the label lives in the rule set the item was filed under (rule sets are immutable).
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { ruleSets } from '../../db/schema';

export type CategoryLabeler = (ruleSetId: number, categoryKey: string) => string;

/** One query for all the rule sets a page needs; an unknown key falls back to the key itself rather than failing the page. */
export async function loadCategoryLabels(db: DbOrTx, ruleSetIds: number[]): Promise<CategoryLabeler> {
  const ids = [...new Set(ruleSetIds)];
  const rows = ids.length ? await db.select({ id: ruleSets.id, body: ruleSets.body }).from(ruleSets).where(inArray(ruleSets.id, ids)) : [];
  const labels = new Map<string, string>();
  for (const r of rows) {
    const cats = (r.body as { categories?: { key?: unknown; label?: unknown }[] }).categories ?? [];
    for (const c of cats) if (typeof c.key === 'string' && typeof c.label === 'string') labels.set(`${r.id}:${c.key}`, c.label);
  }
  return (ruleSetId, key) => labels.get(`${ruleSetId}:${key}`) ?? key;
}
