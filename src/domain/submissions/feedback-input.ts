// Pure: checks what a resident types into the rating and reopen forms; errors name the field so the form shows them in place.
import { AppError, type Msg } from '../errors';

export const COMMENT_MAX = 500;
export const REASON_MIN = 2;

/** Trimmed (full-width spaces too), length in characters as people count them (an emoji is one). */
const clean = (v: string | undefined) => (v ?? '').trim();
const length = (v: string) => Array.from(v).length;

export function parseRating(form: Record<string, string>): { rating: number; comment: string | null } {
  const fields: Record<string, Msg> = {};
  const raw = clean(form.rating);
  const rating = /^[1-5]$/.test(raw) ? Number(raw) : null;
  if (rating === null) fields.rating = { key: raw ? 'me.err.ratingRange' : 'me.err.ratingEmpty' };
  const comment = clean(form.comment);
  if (length(comment) > COMMENT_MAX) fields.comment = { key: 'err.text.tooLong', params: { max: COMMENT_MAX } };
  if (Object.keys(fields).length) throw new AppError('validation', 'err.form.invalid', fields);
  return { rating: rating!, comment: comment || null };
}

export function parseReopen(form: Record<string, string>): { reason: string } {
  const reason = clean(form.reason);
  if (length(reason) < REASON_MIN) throw new AppError('validation', 'err.form.invalid', { reason: { key: 'me.err.reasonEmpty' } });
  if (length(reason) > COMMENT_MAX) throw new AppError('validation', 'err.form.invalid', { reason: { key: 'err.text.tooLong', params: { max: COMMENT_MAX } } });
  return { reason };
}
