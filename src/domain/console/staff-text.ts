// Pure: what staff may write into an item (replies, notes, reasons, department answers): the shared long-text rule
// (text/text-rules.ts) — replies reach residents' pages and every export, so the same refusals as a description.
import { longTextRule, requireText } from '../text/text-rules';

export const STAFF_TEXT_MAX = 1000;

const MESSAGES = { empty: 'console.err.textEmpty', control: 'console.err.control', markup: 'console.err.markup' } as const;

/** Returns the clean text or throws a field error on `field`; `optional` lets an empty value through as ''. */
export function staffText(raw: string | undefined, field: string, opts: { optional?: boolean; max?: number } = {}): string {
  return requireText(raw, field, longTextRule(opts.max ?? STAFF_TEXT_MAX, { optional: opts.optional }), MESSAGES);
}
