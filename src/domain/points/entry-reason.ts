// A ledger transfer's stored reason, and the rule label shown to residents (category label from its rule set, or the rule key).
import type { DbOrTx } from '../../db/client';
import { loadCategoryLabels, type CategoryLabeler } from '../submissions/category-labels';

export interface EntryReason {
  rule?: string;
  ruleSetId?: number;
  ruleSetVersion?: number;
  approverUserId?: number;
  source?: { type?: string; trackingNo?: string };
  clampedFrom?: number;
  cappedBy?: string;
  note?: string;
}

export const asReason = (raw: unknown) => (raw ?? {}) as EntryReason;

/** One query for the category labels of all the given reasons (none when no reason names a category). */
export function loadReasonLabels(db: DbOrTx, reasons: EntryReason[]): Promise<CategoryLabeler> {
  const ids = reasons.filter((r) => r.rule?.startsWith('category:') && r.ruleSetId).map((r) => r.ruleSetId!);
  return ids.length ? loadCategoryLabels(db, ids) : Promise.resolve((_id, key) => key);
}

/** e.g. '消防隐患' for 'category:fire.hazard', else the rule key ('patrol', 'hold', …) for the view to translate. */
export function ruleLabelOf(r: EntryReason, label: CategoryLabeler): string | null {
  if (r.rule?.startsWith('category:')) return r.ruleSetId ? label(r.ruleSetId, r.rule.slice('category:'.length)) : null;
  return r.rule ?? null;
}
