// Pure: THE rule for every free text people type into the app — names and labels (one line) and longer texts
// (descriptions, replies, reasons, notes; several lines). One normalisation and one set of refusals, so a value is
// accepted or refused the same way in a resident's description, a staff reason, an admin's community name, a CSV
// cell or a reply template; only the length limits and the wording of the messages differ per field.
//
// Normalised: line breaks to \n, Unicode NFKC for one-line names (full-width letters and digits, compatibility
// ideographs and U+3000 become their ordinary forms, so "Ａ区" and "A区" are one name) and NFC for long text (NFKC
// would rewrite every Chinese full-width comma and colon in a description to ASCII); spaces trimmed (U+3000 too),
// and in a name every run of spaces or tabs becomes one space.
// Refused — what cannot be shown honestly: C0/C1 control characters (NUL included), bidi overrides, isolates and
// marks (U+202E turns "‮gnp.exe" into "exe.png"), interlinear annotation marks, lone surrogates and U+FFFD (what a
// lone surrogate or a broken byte sequence arrives as), noncharacters; markup (tags, event or htmx attributes,
// template delimiters) which no name or description needs; a line break in a name.
import { z } from 'zod';
import type { MessageKey } from '../../i18n/messages';
import { fieldError, type Msg } from '../errors';

export type TextProblem = 'empty' | 'short' | 'long' | 'lineBreak' | 'control' | 'markup';

/** Newlines and tabs are the only controls allowed (tabs only as spaces in names); ZWJ stays (emoji sequences). */
export const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFFF9-\uFFFB\uFFFD\uFFFE\uFFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const MARKUP = /<\/?[a-z][a-z0-9-]*[\s/>]|<[!?%]|\b(on[a-z]+|hx-[a-z:-]+)\s*=|\{\{|\$\{/i;

export interface TextRule {
  /** Names and labels: one line. Long text keeps its line breaks. */
  multiline: boolean;
  max: number;
  min?: number;
  /** Empty is allowed and reads as ''. */
  optional?: boolean;
}

export const nameRule = (max = 64, opts: { optional?: boolean } = {}): TextRule => ({ multiline: false, max, optional: opts.optional });
export const longTextRule = (max: number, opts: { optional?: boolean; min?: number } = {}): TextRule => ({ multiline: true, max, ...opts });

export type TextCheck = { ok: true; value: string } | { ok: false; problem: TextProblem; params?: Record<string, number> };

const segmenter = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/** Counts what a person sees as characters: an emoji family or a CJK extension character is one. */
export function visibleLength(text: string): number {
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

export function checkText(raw: unknown, rule: TextRule): TextCheck {
  const input = typeof raw === 'string' ? raw : '';
  // Checked on the raw text: normalising first could fold some of these into something that looks harmless.
  if (LONE_SURROGATE.test(input) || CONTROL.test(input)) return { ok: false, problem: 'control' };
  let value = input.replace(/\r\n?/g, '\n');
  if (rule.multiline) {
    value = value.normalize('NFC').replace(/[^\S\n]+$/gm, '').trim();
  } else {
    value = value.normalize('NFKC').trim();
    if (value.includes('\n')) return { ok: false, problem: 'lineBreak' };
    value = value.replace(/\s+/g, ' ');
  }
  if (!value) return rule.optional ? { ok: true, value: '' } : { ok: false, problem: 'empty' };
  // Cheap bound first, so a 100,000-character paste is not segmented whole.
  const n = value.length > rule.max * 8 ? value.length : visibleLength(value);
  if (n > rule.max) return { ok: false, problem: 'long', params: { max: rule.max, n } };
  if (MARKUP.test(value)) return { ok: false, problem: 'markup' };
  if (rule.min !== undefined && n < rule.min) return { ok: false, problem: 'short', params: { min: rule.min } };
  return { ok: true, value };
}

/** The default wording; a field may word a refusal for its readers (a resident's description says 描述). */
export const TEXT_MESSAGES: Record<TextProblem, MessageKey> = {
  empty: 'fld.err.required',
  short: 'text.err.short',
  long: 'err.text.tooLong',
  lineBreak: 'text.err.lineBreak',
  control: 'fld.err.control',
  markup: 'text.err.markup',
};

export type TextMessages = Partial<Record<TextProblem, MessageKey>>;

export function textMessage(check: Extract<TextCheck, { ok: false }>, messages: TextMessages = {}): Msg {
  return { key: messages[check.problem] ?? TEXT_MESSAGES[check.problem], params: check.params };
}

/** For use cases that read raw form fields: the clean value, or a field error on `field`. */
export function requireText(raw: unknown, field: string, rule: TextRule, messages?: TextMessages): string {
  const c = checkText(raw, rule);
  if (!c.ok) {
    const m = textMessage(c, messages);
    throw fieldError(field, m.key, m.params);
  }
  return c.value;
}

/** The zod form of the rule, for the admin forms and CSV row schemas (issues carry catalogue keys, see fields.ts). */
export const textSchema = (rule: TextRule, messages?: TextMessages) =>
  z.string().transform((raw, ctx) => {
    const c = checkText(raw, rule);
    if (c.ok) return c.value;
    const m = textMessage(c, messages);
    ctx.issues.push({ code: 'custom', message: m.key, input: raw, params: m.params });
    return z.NEVER;
  });

