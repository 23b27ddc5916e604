// Pure: what staff may write into an item (replies, notes, reasons, department answers): plain text of a sane length.
// Same refusals as residents' descriptions (description-rules.ts): replies reach residents' pages and every export.
import { CONTROL, MARKUP, visibleLength } from '../submissions/description-rules';
import { fieldError } from '../errors';

export const STAFF_TEXT_MAX = 1000;

/** Returns the trimmed text or throws a field error on `field`; `optional` lets an empty value through as ''. */
export function staffText(raw: string | undefined, field: string, opts: { optional?: boolean; max?: number } = {}): string {
  const max = opts.max ?? STAFF_TEXT_MAX;
  const value = (raw ?? '').replace(/\r\n?/g, '\n').trim();
  if (!value) {
    if (opts.optional) return '';
    throw fieldError(field, 'console.err.textEmpty');
  }
  const n = value.length > max * 8 ? value.length : visibleLength(value);
  if (n > max) throw fieldError(field, 'err.text.tooLong', { max });
  if (CONTROL.test(value)) throw fieldError(field, 'console.err.control');
  if (MARKUP.test(value)) throw fieldError(field, 'console.err.markup');
  return value;
}
