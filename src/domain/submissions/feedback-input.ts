// Pure: checks what a resident types into the rating and reopen forms; errors name the field so the form shows them in place.
import { AppError, type Msg } from '../errors';
import { checkText, longTextRule, textMessage } from '../text/text-rules';

export const COMMENT_MAX = 500;
export const REASON_MIN = 2;

/** Trimmed (full-width spaces too); a rating's digit needs no more. */
const clean = (v: string | undefined) => (v ?? '').trim();
// Comments and reasons are read by staff: the shared long-text rule (markup, control and broken characters refused).
const COMMENT_RULE = longTextRule(COMMENT_MAX, { optional: true });
const REASON_RULE = longTextRule(COMMENT_MAX, { min: REASON_MIN });

export function parseRating(form: Record<string, string>): { rating: number; comment: string | null } {
  const fields: Record<string, Msg> = {};
  const raw = clean(form.rating);
  const rating = /^[1-5]$/.test(raw) ? Number(raw) : null;
  if (rating === null) fields.rating = { key: raw ? 'me.err.ratingRange' : 'me.err.ratingEmpty' };
  const comment = checkText(form.comment, COMMENT_RULE);
  if (!comment.ok) fields.comment = textMessage(comment);
  if (Object.keys(fields).length || !comment.ok) throw new AppError('validation', 'err.form.invalid', fields);
  return { rating: rating!, comment: comment.value || null };
}

export function parseReopen(form: Record<string, string>): { reason: string } {
  const reason = checkText(form.reason, REASON_RULE);
  if (!reason.ok) throw new AppError('validation', 'err.form.invalid', { reason: textMessage(reason, { empty: 'me.err.reasonEmpty', short: 'me.err.reasonEmpty' }) });
  return { reason: reason.value };
}
