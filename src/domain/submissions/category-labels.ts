// Category names for items: the label lives in the rule set the item was filed under (rule sets are immutable).
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { ruleSets } from '../../db/schema';

export type CategoryLabeler = (ruleSetId: number, categoryKey: string) => string;

type Labels = Map<string, string>;

/**
 * Labels per rule set, kept per database handle for the life of the process: rule sets are never changed or deleted,
 * so a rule set read once stays right (per handle, because test databases cloned side by side share rule set ids).
 */
const cache = new WeakMap<object, Map<number, Labels>>();
const CACHE_MAX = 500;

/** One query for the rule sets a page needs that were not read before; an unknown key falls back to the key itself. */
export async function loadCategoryLabels(db: DbOrTx, ruleSetIds: number[]): Promise<CategoryLabeler> {
  let known = cache.get(db);
  if (!known) cache.set(db, (known = new Map()));
  const missing = [...new Set(ruleSetIds)].filter((id) => !known.has(id));
  const rows = missing.length ? await db.select({ id: ruleSets.id, body: ruleSets.body }).from(ruleSets).where(inArray(ruleSets.id, missing)) : [];
  for (const r of rows) {
    const labels: Labels = new Map();
    const cats = (r.body as { categories?: { key?: unknown; label?: unknown }[] }).categories ?? [];
    for (const c of cats) if (typeof c.key === 'string' && typeof c.label === 'string') labels.set(c.key, c.label);
    if (known.size >= CACHE_MAX) known.delete(known.keys().next().value as number);
    known.set(r.id, labels);
  }
  const byId = known;
  return (ruleSetId, key) => byId.get(ruleSetId)?.get(key) ?? key;
}
