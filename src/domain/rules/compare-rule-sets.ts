// Two versions side by side: only the settings that differ (categories matched by key), and how many are the same.
import type { DbOrTx } from '../../db/client';
import type { StaffScope } from '../auth/staff-scope';
import { managedCommunity } from '../communities/managed-community';
import { notFound } from '../errors';
import { loadRuleSet, type StoredRuleSet } from './get-rule-set';
import { SCALARS } from './rule-set-form';
import type { RuleSetBody } from './rule-set-schema';

export type RuleValue = string | number | boolean | null;

export interface RuleChange {
  /** 'effective_from', a scalar path ('caps.per_resident_per_day'), or 'category' with its key and field. */
  field: string;
  category?: { key: string; label: string };
  a: RuleValue;
  b: RuleValue;
}

const CATEGORY_FIELDS = ['label', 'min', 'default', 'max', 'police'] as const;
const get = (o: unknown, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], o);

/** PURE: the differing fields of two versions, and the number of compared fields that are equal. */
export function diffRuleSets(a: { body: RuleSetBody; effectiveFrom: string }, b: { body: RuleSetBody; effectiveFrom: string }) {
  const changes: RuleChange[] = [];
  let same = 0;
  const compare = (change: RuleChange) => {
    if (change.a === change.b) same++;
    else changes.push(change);
  };
  compare({ field: 'effective_from', a: a.effectiveFrom, b: b.effectiveFrom });
  const catsA = new Map(a.body.categories.map((c) => [c.key, c]));
  const catsB = new Map(b.body.categories.map((c) => [c.key, c]));
  for (const key of new Set([...catsA.keys(), ...catsB.keys()])) {
    const ca = catsA.get(key);
    const cb = catsB.get(key);
    const category = { key, label: (cb ?? ca)!.label };
    if (!ca || !cb) {
      // Added or removed: one line for the whole category.
      changes.push({ field: 'category', category, a: ca ? describe(ca) : null, b: cb ? describe(cb) : null });
      continue;
    }
    for (const f of CATEGORY_FIELDS) compare({ field: `category.${f}`, category, a: ca[f], b: cb[f] });
  }
  for (const s of SCALARS) compare({ field: s.name, a: get(a.body, s.name) as RuleValue, b: get(b.body, s.name) as RuleValue });
  return { changes, same };
}

const describe = (c: { label: string; min: number; default: number; max: number }) => `${c.label} ${c.min}–${c.max}(${c.default})`;

export async function compareRuleSets(db: DbOrTx, scope: StaffScope, communityId: number, va: number, vb: number) {
  const community = await managedCommunity(db, scope, communityId);
  const [a, b] = await Promise.all([loadRuleSet(db, community.id, va), loadRuleSet(db, community.id, vb)]);
  if (!a || !b) throw notFound();
  return { community, a, b, ...diffRuleSets(a, b) } satisfies { a: StoredRuleSet; b: StoredRuleSet } & Record<string, unknown>;
}
