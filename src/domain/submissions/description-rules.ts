// Pure: what a tip or wish description must look like (plain words of a sensible length), with the message for each refusal.
import type { Msg } from '../errors';

export const DESCRIPTION_MIN = 5;
export const DESCRIPTION_MAX = 1000;

// Invisible characters that reorder or hide text (bidi overrides, C0/C1 controls); newlines, tabs and ZWJ (emoji) stay allowed.
export const CONTROL = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069\uFFF9-\uFFFB]/;
// Descriptions are read by staff as plain text: tags, event or htmx attributes and template delimiters are never needed
// to describe a problem, and refusing them keeps hostile payloads out of every later export and page.
export const MARKUP = /<\/?[a-z][a-z0-9-]*[\s/>]|<[!?%]|\b(on[a-z]+|hx-[a-z:-]+)\s*=|\{\{|\$\{/i;

const segmenter = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/** Counts what a person sees as characters: an emoji family or a CJK extension character is one. */
export function visibleLength(text: string): number {
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

export type DescriptionCheck = { ok: true; value: string } | { ok: false; error: Msg };

export function checkDescription(raw: string): DescriptionCheck {
  // String#trim covers U+3000 (full-width space) and the other Unicode spaces: a line of them counts as empty.
  const value = raw.replace(/\r\n?/g, '\n').trim();
  if (!value) return { ok: false, error: { key: 'report.err.descriptionEmpty' } };
  // Cheap bound first, so a 100,000-character paste is not segmented whole.
  const n = value.length > DESCRIPTION_MAX * 8 ? value.length : visibleLength(value);
  if (n > DESCRIPTION_MAX) return { ok: false, error: { key: 'report.err.descriptionLong', params: { max: DESCRIPTION_MAX, n } } };
  if (CONTROL.test(value)) return { ok: false, error: { key: 'report.err.control' } };
  if (MARKUP.test(value)) return { ok: false, error: { key: 'report.err.markup' } };
  if (n < DESCRIPTION_MIN) return { ok: false, error: { key: 'report.err.descriptionShort', params: { min: DESCRIPTION_MIN } } };
  return { ok: true, value };
}
