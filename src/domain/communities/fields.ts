// Field rules shared by the admin forms and the CSV importers, so a value is accepted or refused the same way in both.
import { z } from 'zod';
import { AppError, type Msg } from '../errors';
import type { MessageKey } from '../../i18n/messages';
import { nameRule, textSchema } from '../text/text-rules';

/** Issues carry catalogue keys as their message; zod's own English texts fall back to a generic one. */
export function issueMsg(issue: z.core.$ZodIssue): Msg {
  const m = issue.message;
  if (m.includes('.') && !m.includes(' ')) return { key: m as MessageKey, params: (issue as { params?: Msg['params'] }).params };
  return { key: 'fld.err.invalid' };
}

const fail = (ctx: z.RefinementCtx, value: unknown, key: MessageKey, params?: Record<string, string | number>) => {
  ctx.issues.push({ code: 'custom', message: key, input: value, params });
  return z.NEVER;
};

/**
 * A name or label (community, district, grid, place, staff, department, contact, template title, CSV name cells):
 * the shared one-line text rule (text/text-rules.ts) — normalised, never empty unless optional, at most `max`
 * characters as people count them, no line breaks, control or bidi characters, broken characters or markup.
 */
export const text = (max = 64, opts: { optional?: boolean } = {}) => textSchema(nameRule(max, opts));

/** Whole numbers typed by people: full-width digits allowed; "100abc", "0.5", "1e21", "-1" refused. */
export const count = (opts: { min?: number; max: number; optional?: boolean }) =>
  z.string().transform((raw, ctx) => {
    const v = raw.normalize('NFKC').trim();
    if (v === '') return opts.optional ? null : fail(ctx, raw, 'fld.err.required');
    if (!/^\d{1,9}$/.test(v)) return fail(ctx, raw, 'fld.err.integer');
    const n = Number(v);
    const min = opts.min ?? 0;
    if (n < min || n > opts.max) return fail(ctx, raw, 'fld.err.range', { min, max: opts.max });
    return n;
  });

/** A value from a fixed list, typed either as the English key or as the Chinese label people see. */
export const choice = <T extends string>(values: readonly T[], labels: Record<string, T>, opts: { fallback?: T } = {}) =>
  z.string().transform((raw, ctx): T => {
    const v = raw.normalize('NFKC').trim();
    if (v === '' && opts.fallback) return opts.fallback;
    const hit = (values as readonly string[]).includes(v.toLowerCase()) ? (v.toLowerCase() as T) : labels[v];
    return hit ?? fail(ctx, raw, 'fld.err.choice', { allowed: Object.keys(labels).join('、') });
  });

/** Grid codes are 15 digits; full-width digits and spaces that Excel or an IME adds are forgiven. */
export const gridCode = z.string().transform((raw, ctx) => {
  const v = raw.normalize('NFKC').replace(/\s+/g, '');
  if (v === '') return fail(ctx, raw, 'fld.err.required');
  if (!/^\d+$/.test(v)) return fail(ctx, raw, 'grid.err.codeDigits');
  if (v.length !== 15) return fail(ctx, raw, 'grid.err.codeLength', { n: v.length });
  return v;
});

/** Parses a form; on failure the form is re-rendered with one message per field. */
export function parseForm<S extends z.ZodObject>(schema: S, body: Record<string, string>): z.output<S> {
  // Missing fields read as empty, so people see "required" rather than a type error.
  const filled = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, body[k] ?? '']));
  const r = schema.safeParse(filled);
  if (r.success) return r.data;
  const fields: Record<string, Msg> = {};
  for (const issue of r.error.issues) {
    const field = String(issue.path[0] ?? '_');
    fields[field] ??= issueMsg(issue);
  }
  throw new AppError('validation', 'err.form.invalid', fields);
}

