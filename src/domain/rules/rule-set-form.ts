// PURE: the rule-set editor's form ↔ rule-set body, with every field parsed by zod and the cross-field rules
// (min ≤ default ≤ max, caps, SLA order, known categories, effective date) checked, each refusal on its own field.
import { z } from 'zod';
import type { Msg } from '../errors';
import type { MessageKey } from '../../i18n/messages';
import { count, issueMsg } from '../communities/fields';
import { nameRule, textSchema } from '../text/text-rules';
import { ruleSetBodySchema, type Category, type RuleSetBody } from './rule-set-schema';

export type FormErrors = Record<string, Msg>;

/** How many category rows a form may carry (the demo has 13); more is a forged form, not a rule set. */
export const MAX_CATEGORIES = 40;
/** The one-line hint residents see under a category on the report form (the schema's limit). */
export const HINT_MAX = 120;
const POINTS = 100_000;

type Scalar = { name: string; kind: 'int'; min?: number; max: number } | { name: string; kind: 'factor' } | { name: string; kind: 'clock' } | { name: string; kind: 'bool' };

/** The settings besides categories, in the order the form and the readable view show them, grouped under headings. */
export const SCALAR_GROUPS: { group: string; fields: Scalar[] }[] = [
  {
    group: 'awards',
    fields: [
      { name: 'one_reward_per_matter', kind: 'bool' },
      { name: 'duplicate_confirmation_points', kind: 'int', max: POINTS },
      { name: 'outcome_bonus_percent', kind: 'int', max: 100 },
    ],
  },
  {
    group: 'wish_fulfilment',
    fields: ['min', 'default', 'max'].map((k) => ({ name: `wish_fulfilment.${k}`, kind: 'int' as const, max: POINTS })),
  },
  { group: 'mediation', fields: ['min', 'default', 'max'].map((k) => ({ name: `mediation.${k}`, kind: 'int' as const, max: POINTS })) },
  {
    group: 'limits',
    fields: [
      { name: 'caps.per_resident_per_day', kind: 'int', max: POINTS },
      { name: 'caps.per_resident_per_month', kind: 'int', max: POINTS },
      { name: 'second_approver_above', kind: 'int', max: POINTS },
      { name: 'budget.points', kind: 'int', max: 100_000_000 },
    ],
  },
  {
    group: 'patrol',
    fields: [
      { name: 'patrol.points_per_hour', kind: 'int', max: POINTS },
      { name: 'patrol.night_multiplier.from', kind: 'clock' },
      { name: 'patrol.night_multiplier.to', kind: 'clock' },
      { name: 'patrol.night_multiplier.factor', kind: 'factor' },
      { name: 'patrol.max_per_shift', kind: 'int', max: POINTS },
      { name: 'patrol.no_show_penalty_points', kind: 'int', max: POINTS },
      { name: 'patrol.max_no_shows_before_signup_block', kind: 'int', max: 100 },
    ],
  },
  {
    group: 'activity',
    fields: [
      { name: 'volunteer_activity.points_per_hour', kind: 'int', max: POINTS },
      { name: 'volunteer_activity.max_per_day', kind: 'int', max: POINTS },
    ],
  },
  {
    group: 'expiry',
    fields: [
      { name: 'expiry.months', kind: 'int', min: 1, max: 120 },
      { name: 'expiry.reminder_days', kind: 'int', max: 365 },
    ],
  },
  {
    group: 'sla',
    fields: [
      { name: 'sla_hours.acknowledge', kind: 'int', min: 1, max: 720 },
      { name: 'sla_hours.tier1_resolve', kind: 'int', min: 1, max: 2000 },
      { name: 'sla_hours.tier2_resolve', kind: 'int', min: 1, max: 2000 },
      { name: 'sla_hours.tier3_resolve', kind: 'int', min: 1, max: 2000 },
    ],
  },
];
export const SCALARS = SCALAR_GROUPS.flatMap((g) => g.fields);
export const CATEGORY_NUMBERS = ['min', 'default', 'max'] as const;

const get = (o: unknown, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], o);
function set(o: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let cur = o;
  for (const k of keys.slice(0, -1)) cur = (cur[k] ??= {}) as Record<string, unknown>;
  cur[keys[keys.length - 1]] = value;
}

/** A stored version as form values: the editor opens prefilled with it. Checkboxes are 'on' or absent. */
export function bodyToForm(body: RuleSetBody, effectiveFrom: string): Record<string, string> {
  const form: Record<string, string> = { effective_from: effectiveFrom };
  body.categories.forEach((c, i) => {
    form[`cat.${i}.key`] = c.key;
    form[`cat.${i}.label`] = c.label;
    form[`cat.${i}.hint`] = c.hint ?? '';
    for (const k of CATEGORY_NUMBERS) form[`cat.${i}.${k}`] = String(c[k]);
    if (c.police) form[`cat.${i}.police`] = 'on';
  });
  for (const f of SCALARS) {
    const v = get(body, f.name);
    if (f.kind === 'bool') {
      if (v === true) form[f.name] = 'on';
    } else form[f.name] = String(v);
  }
  return form;
}

/** The category row indexes a form carries (cat.0.key, cat.1.key, …), in order, capped. */
export function categoryRows(form: Record<string, string>): number[] {
  const rows: number[] = [];
  for (let i = 0; i < MAX_CATEGORIES + 1 && form[`cat.${i}.key`] !== undefined; i++) rows.push(i);
  return rows;
}

/** Field prefix of the j-th "new category" row: 'new', 'new.1', 'new.2', … (the first keeps the single-row names). */
export const newRowPrefix = (j: number) => (j === 0 ? 'new' : `new.${j}`);

/** The new-category row indexes a form carries (its key field is always rendered, even empty), in order, capped. */
export function newCategoryRows(form: Record<string, string>): number[] {
  const rows: number[] = [];
  for (let j = 0; j < MAX_CATEGORIES + 1 && form[`${newRowPrefix(j)}.key`] !== undefined; j++) rows.push(j);
  return rows;
}

/** Whether one more empty new-category row still fits under the cap (existing rows + new rows ≤ MAX_CATEGORIES). */
export function canAddCategoryRow(form: Record<string, string>): boolean {
  return categoryRows(form).length + Math.max(1, newCategoryRows(form).length) < MAX_CATEGORIES;
}

/** "再添加一个类别": the posted values with one more empty new-category row (none beyond the cap). */
export function withNewCategoryRow(form: Record<string, string>): Record<string, string> {
  if (!canAddCategoryRow(form)) return form;
  const next = { ...form };
  const n = Math.max(1, newCategoryRows(next).length);
  next['new.key'] ??= '';
  next[`${newRowPrefix(n)}.key`] = '';
  return next;
}

export interface RuleFormContext {
  /** The version the form was opened from: its categories are the known ones (a form without hint fields keeps theirs). */
  base: RuleSetBody;
  /** Today in the community's time zone (YYYY-MM-DD): a new version cannot take effect in the past. */
  today: string;
  /** The newest stored version: a new one cannot take effect before it. */
  latest: { version: number; effectiveFrom: string } | null;
}

export type ParsedRuleForm = { ok: true; body: RuleSetBody; effectiveFrom: string } | { ok: false; fields: FormErrors };

const checked = (v: string | undefined) => v === 'on' || v === 'true' || v === '1';

/** Factor such as 1.5: 1–5, at most two decimals; full-width digits forgiven. */
const factor = z.string().transform((raw, ctx) => {
  const v = raw.normalize('NFKC').trim();
  if (v === '') return fail(ctx, 'fld.err.required');
  if (!/^\d(\.\d{1,2})?$/.test(v) || Number(v) < 1 || Number(v) > 5) return fail(ctx, 'rules.err.factor');
  return Number(v);
});
const clock = z.string().transform((raw, ctx) => {
  const v = raw.normalize('NFKC').trim();
  if (v === '') return fail(ctx, 'fld.err.required');
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(v)) return fail(ctx, 'rules.err.clock');
  return v;
});
const date = z.string().transform((raw, ctx) => {
  const v = raw.normalize('NFKC').trim();
  if (v === '') return fail(ctx, 'fld.err.required');
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const ok = d && new Date(Date.UTC(+d[1], +d[2] - 1, +d[3])).toISOString().slice(0, 10) === v;
  return ok ? v : fail(ctx, 'rules.err.date');
});
/** Category name or hint: plain text (no markup, no control characters) of at most `max` characters. */
const plain = (max: number, optional = false) => textSchema(nameRule(max, { optional }), { markup: 'rules.err.markup' });
const newKey = z.string().transform((raw, ctx) => {
  const v = raw.normalize('NFKC').trim().toLowerCase();
  return /^[a-z][a-z_]{0,39}$/.test(v) ? v : fail(ctx, 'rules.err.newKey');
});
function fail(ctx: z.RefinementCtx, key: MessageKey, params?: Record<string, string | number>): never {
  ctx.issues.push({ code: 'custom', message: key, input: '', params });
  return z.NEVER as never;
}

/** Parses one field with its zod rule; a refusal lands in `errors` under the field's name. */
function field<T>(schema: z.ZodType<T>, form: Record<string, string>, name: string, errors: FormErrors): T | undefined {
  const r = schema.safeParse(form[name] ?? '');
  if (r.success) return r.data;
  errors[name] ??= issueMsg(r.error.issues[0]);
  return undefined;
}

function scalarSchema(f: Scalar): z.ZodType<unknown> {
  switch (f.kind) {
    case 'int':
      return count({ min: f.min ?? 0, max: f.max });
    case 'factor':
      return factor;
    case 'clock':
      return clock;
    case 'bool':
      return z.string();
  }
}

export function parseRuleSetForm(form: Record<string, string>, ctx: RuleFormContext): ParsedRuleForm {
  const errors: FormErrors = {};
  const body: Record<string, unknown> = {};
  const known = new Map(ctx.base.categories.map((c) => [c.key, c]));

  // Categories: only keys of the version being edited (a forged or stale key is refused), each once.
  const categories: { prefix: string; cat: Category }[] = [];
  const rows = categoryRows(form);
  const newRows = newCategoryRows(form).map(newRowPrefix).filter((p) =>
    ['key', 'label', 'hint', 'min', 'default', 'max'].some((k) => (form[`${p}.${k}`] ?? '').trim() !== ''));
  if (rows.length + newRows.length > MAX_CATEGORIES) errors._ = { key: 'rules.err.tooManyCategories', params: { max: MAX_CATEGORIES } };
  const seen = new Set<string>();
  for (const i of rows.slice(0, MAX_CATEGORIES)) {
    const p = `cat.${i}`;
    const key = (form[`${p}.key`] ?? '').trim();
    const base = known.get(key);
    if (!base) {
      errors[`${p}.key`] = { key: 'rules.err.unknownCategory', params: { key: key.slice(0, 40) } };
      continue;
    }
    if (seen.has(key)) {
      errors[`${p}.key`] = { key: 'rules.err.duplicateCategory', params: { key } };
      continue;
    }
    seen.add(key);
    if (checked(form[`${p}.remove`])) continue;
    categories.push({ prefix: p, cat: categoryFrom(form, p, { key, kind: base.kind, hint: base.hint }, errors) });
  }
  // Optional new categories (rows left empty are ignored): kind + key suffix + label + hint + range; each key once,
  // and never one of the starting version's (a removed category's key is not reused for something else).
  for (const p of newRows.slice(0, MAX_CATEGORIES)) {
    const kind = form[`${p}.kind`] === 'wish' ? 'wish' : form[`${p}.kind`] === 'tip' ? 'tip' : undefined;
    if (!kind) errors[`${p}.kind`] = { key: 'rules.err.newKind' };
    const suffix = field(newKey, form, `${p}.key`, errors);
    const key = `${kind ?? 'tip'}.${suffix ?? ''}`;
    const clash = suffix !== undefined && kind !== undefined && (seen.has(key) || known.has(key));
    if (clash) errors[`${p}.key`] = { key: 'rules.err.duplicateCategory', params: { key } };
    const cat = categoryFrom(form, p, { key, kind: kind ?? 'tip' }, errors);
    if (kind && suffix !== undefined && !clash) {
      seen.add(key);
      categories.push({ prefix: p, cat });
    }
  }
  body.categories = categories.map((c) => c.cat);

  for (const f of SCALARS) set(body, f.name, f.kind === 'bool' ? checked(form[f.name]) : field(scalarSchema(f), form, f.name, errors));
  (body.wish_fulfilment as Record<string, unknown>).to = 'fulfiller';
  (body.mediation as Record<string, unknown>).to = 'mediator';
  (body.budget as Record<string, unknown>).period = 'month';
  const effectiveFrom = field(date, form, 'effective_from', errors);

  crossCheck(body as unknown as RuleSetBody, categories, effectiveFrom, ctx, errors);
  if (Object.keys(errors).length) return { ok: false, fields: errors };
  // Belt and braces: what is stored must pass the schema every reader parses with.
  const final = ruleSetBodySchema.safeParse(body);
  if (!final.success) return { ok: false, fields: { _: { key: 'rules.err.invalid' } } };
  return { ok: true, body: final.data, effectiveFrom: effectiveFrom! };
}

/** One category row; its hint is the typed one (empty = none), or the base version's when the form has no hint field. */
function categoryFrom(form: Record<string, string>, p: string, fixed: { key: string; kind: 'tip' | 'wish'; hint?: string }, errors: FormErrors): Category {
  const cat: Record<string, unknown> = { key: fixed.key, kind: fixed.kind, label: field(plain(60), form, `${p}.label`, errors), police: checked(form[`${p}.police`]) };
  const hint = form[`${p}.hint`] === undefined ? fixed.hint : field(plain(HINT_MAX, true), form, `${p}.hint`, errors);
  if (hint) cat.hint = hint;
  for (const k of CATEGORY_NUMBERS) cat[k] = field(count({ max: POINTS }), form, `${p}.${k}`, errors);
  return cat as unknown as Category;
}

/** min ≤ default ≤ max, reported on the field that breaks it; numbers that failed to parse are skipped. */
function rangeCheck(r: { min?: number; default?: number; max?: number }, p: string, errors: FormErrors) {
  const { min, max } = r;
  const def = r.default;
  if (min !== undefined && max !== undefined && min > max) errors[`${p}.min`] ??= { key: 'rules.err.minAboveMax', params: { min, max } };
  else if (def !== undefined && ((min !== undefined && def < min) || (max !== undefined && def > max))) {
    errors[`${p}.default`] ??= { key: 'rules.err.defaultOutside', params: { min: min ?? 0, max: max ?? 0 } };
  }
}

function crossCheck(b: RuleSetBody, cats: { prefix: string; cat: Category }[], effectiveFrom: string | undefined, ctx: RuleFormContext, errors: FormErrors) {
  for (const { prefix, cat } of cats) rangeCheck(cat, prefix, errors);
  rangeCheck(b.wish_fulfilment ?? {}, 'wish_fulfilment', errors);
  rangeCheck(b.mediation ?? {}, 'mediation', errors);
  // Residents choose a tip or a wish first: each kind needs at least one category to choose from.
  for (const kind of ['tip', 'wish'] as const) {
    if (!cats.some((c) => c.cat.kind === kind)) errors._ ??= { key: kind === 'tip' ? 'rules.err.noTip' : 'rules.err.noWish' };
  }
  const { per_resident_per_day: day, per_resident_per_month: month } = b.caps ?? {};
  if (day !== undefined && month !== undefined && day > month) errors['caps.per_resident_per_day'] ??= { key: 'rules.err.dayAboveMonth', params: { month } };
  const sla = b.sla_hours ?? {};
  const order = [['acknowledge', 'tier1_resolve'], ['tier1_resolve', 'tier2_resolve'], ['tier2_resolve', 'tier3_resolve']] as const;
  for (const [a, z2] of order) {
    const x = sla[a];
    const y = sla[z2];
    if (x !== undefined && y !== undefined && x > y) errors[`sla_hours.${a}`] ??= { key: `rules.err.sla.${a}` as MessageKey, params: { hours: y } };
  }
  const exp = b.expiry ?? {};
  if (exp.months !== undefined && exp.reminder_days !== undefined && exp.reminder_days > exp.months * 28) {
    errors['expiry.reminder_days'] ??= { key: 'rules.err.reminderTooLong' };
  }
  if (effectiveFrom !== undefined) {
    if (effectiveFrom < ctx.today) errors.effective_from ??= { key: 'rules.err.pastDate', params: { today: ctx.today } };
    else if (ctx.latest && effectiveFrom < ctx.latest.effectiveFrom) {
      errors.effective_from ??= { key: 'rules.err.beforeLatest', params: { version: ctx.latest.version, date: ctx.latest.effectiveFrom } };
    }
  }
}
