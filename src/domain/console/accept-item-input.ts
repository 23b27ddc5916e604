// Form input of the console's points actions: amounts typed by people (full-width digits allowed) and short free texts.
import { parsePointsAmount } from '../points/amount';
import { fieldError } from '../errors';
import { longTextRule, requireText } from '../text/text-rules';

export const REASON_MAX = 500;

/** "120" or "１２０" → 120; "", "-1", "0.5", "1e21", "100abc", "NaN" → a field error, never a 500 or a silent clamp. */
export function parseAmountText(raw: unknown, field = 'amount'): number {
  const s = typeof raw === 'string' ? raw.normalize('NFKC').trim() : '';
  if (s === '') throw fieldError(field, 'act.err.amountMissing');
  if (!/^\d{1,16}$/.test(s)) throw fieldError(field, 'points.err.amountInvalid');
  return parsePointsAmount(Number(s), field);
}

/**
 * The points actions' free texts (reasons, replies, outcomes, the escalation reason residents see): the shared
 * long-text rule up to `max` characters, '' when absent — markup and control characters refused as everywhere.
 */
export function formText(raw: unknown, field: string, max = REASON_MAX): string {
  return requireText(raw, field, longTextRule(max, { optional: true }), { long: 'act.err.tooLong', control: 'console.err.control', markup: 'console.err.markup' });
}
