// Validates a points amount from any caller: only whole numbers 1..MAX pass; everything else is a 422 with a Chinese message.
import { AppError } from '../errors';

/** The rule-set schema's ceiling for one rule's points: no single movement is larger. */
export const MAX_POINTS = 100_000;

/** Numbers only: strings ("100abc", "NaN", ""), null, fractions, ≤ 0, unsafe integers and > MAX_POINTS are refused. */
export function parsePointsAmount(value: unknown, field = 'amount', max = MAX_POINTS): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    // 1e21 and 2^53+1 are "integers" to JS but not exact ones: say "too large" rather than "not a whole number".
    if (typeof value === 'number' && Number.isFinite(value) && value > max) {
      throw new AppError('validation', { key: 'points.err.amountTooLarge', params: { max } }, { [field]: { key: 'points.err.amountTooLarge', params: { max } } });
    }
    throw new AppError('validation', 'points.err.amountInvalid', { [field]: { key: 'points.err.amountInvalid' } });
  }
  if (value > max) {
    throw new AppError('validation', { key: 'points.err.amountTooLarge', params: { max } }, { [field]: { key: 'points.err.amountTooLarge', params: { max } } });
  }
  return value;
}
