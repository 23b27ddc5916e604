// The rule-set editor's parsing and cross-field rules, table-driven: each bad form is refused on the right field, in Chinese.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffRuleSets } from '../../src/domain/rules/compare-rule-sets';
import { currentVersion } from '../../src/domain/rules/list-rule-sets';
import { MAX_CATEGORIES, bodyToForm, canAddCategoryRow, newCategoryRows, parseRuleSetForm, withNewCategoryRow, type RuleFormContext } from '../../src/domain/rules/rule-set-form';
import { ruleSetBodySchema } from '../../src/domain/rules/rule-set-schema';
import { translator } from '../../src/i18n/messages';

const fixture = JSON.parse(readFileSync(new URL('../../src/cli/seed-data/demo-community.json', import.meta.url), 'utf8'));
const base = ruleSetBodySchema.parse(fixture.incentive_rules);
const ctx: RuleFormContext = { base, today: '2026-11-20', latest: { version: 3, effectiveFrom: '2026-11-25' } };
const good = () => bodyToForm(base, '2026-12-01');
const idx = (key: string) => base.categories.findIndex((c) => c.key === key);
const fire = idx('tip.fire_hazard');
/** A filled new-category row (prefix 'new' for the first, 'new.1', 'new.2', … after it). */
const newRow = (j: number, kind: string, key: string, extra: Record<string, string> = {}) => {
  const p = j === 0 ? 'new' : `new.${j}`;
  return { [`${p}.kind`]: kind, [`${p}.key`]: key, [`${p}.label`]: `分类 ${key}`, [`${p}.min`]: '1', [`${p}.default`]: '2', [`${p}.max`]: '3', ...extra };
};
const zh = (key: string, params?: Record<string, string | number>) => translator('zh-CN')(key as never, params);

describe('parseRuleSetForm', () => {
  it('round-trips a stored body unchanged', () => {
    const r = parseRuleSetForm(good(), ctx);
    expect(r).toEqual({ ok: true, body: base, effectiveFrom: '2026-12-01' });
  });

  it('takes edits, full-width digits, a removed and a new category', () => {
    const form = { ...good(), [`cat.${fire}.max`]: '１５０', [`cat.${idx('tip.dispute')}.remove`]: 'on', 'patrol.night_multiplier.factor': '2',
      'new.kind': 'tip', 'new.key': 'noise', 'new.label': '噪音扰民', 'new.min': '5', 'new.default': '10', 'new.max': '30', 'new.police': 'on' };
    const r = parseRuleSetForm(form, ctx);
    if (!r.ok) throw new Error(JSON.stringify(r.fields));
    expect(r.body.categories.find((c) => c.key === 'tip.fire_hazard')).toMatchObject({ max: 150, hint: base.categories[fire].hint });
    expect(r.body.categories.some((c) => c.key === 'tip.dispute')).toBe(false);
    expect(r.body.categories.at(-1)).toEqual({ key: 'tip.noise', kind: 'tip', label: '噪音扰民', min: 5, default: 10, max: 30, police: true });
    expect(r.body.patrol.night_multiplier.factor).toBe(2);
  });

  const cases: { name: string; edit: Record<string, string>; field: string; message: string }[] = [
    { name: 'category min > max', edit: { [`cat.${fire}.min`]: '200', [`cat.${fire}.max`]: '100' }, field: `cat.${fire}.min`, message: zh('rules.err.minAboveMax', { min: 200, max: 100 }) },
    { name: 'default below min', edit: { [`cat.${fire}.default`]: '5' }, field: `cat.${fire}.default`, message: zh('rules.err.defaultOutside', { min: 10, max: 100 }) },
    { name: 'default above max', edit: { [`cat.${fire}.default`]: '101' }, field: `cat.${fire}.default`, message: '默认分要在最低分 10 和最高分 100 之间。' },
    { name: 'unknown category key', edit: { [`cat.${fire}.key`]: 'tip.bribe' }, field: `cat.${fire}.key`, message: '未知类别「tip.bribe」:只能修改底稿版本中已有的类别,新类别请填在“新增类别”里。' },
    { name: 'category twice', edit: { [`cat.${fire}.key`]: 'tip.case_clue' }, field: `cat.${fire}.key`, message: zh('rules.err.duplicateCategory', { key: 'tip.case_clue' }) },
    { name: 'new category clashing', edit: { 'new.kind': 'tip', 'new.key': 'fire_hazard', 'new.label': 'x', 'new.min': '1', 'new.default': '1', 'new.max': '1' }, field: 'new.key', message: zh('rules.err.duplicateCategory', { key: 'tip.fire_hazard' }) },
    { name: 'new category bad key', edit: { 'new.kind': 'wish', 'new.key': '../x', 'new.label': 'x', 'new.min': '1', 'new.default': '1', 'new.max': '1' }, field: 'new.key', message: zh('rules.err.newKey') },
    { name: 'new category without kind', edit: { 'new.key': 'noise', 'new.label': 'x', 'new.min': '1', 'new.default': '1', 'new.max': '1' }, field: 'new.kind', message: zh('rules.err.newKind') },
    { name: 'new category min > max', edit: { 'new.kind': 'wish', 'new.key': 'pets', 'new.label': '宠物', 'new.min': '9', 'new.default': '9', 'new.max': '3' }, field: 'new.min', message: zh('rules.err.minAboveMax', { min: 9, max: 3 }) },
    { name: 'hint too long', edit: { [`cat.${fire}.hint`]: '提'.repeat(121) }, field: `cat.${fire}.hint`, message: zh('err.text.tooLong', { max: 120 }) },
    { name: 'hint with markup', edit: { [`cat.${fire}.hint`]: '<img src=x onerror=alert(1)>' }, field: `cat.${fire}.hint`, message: '不能有网页代码或模板标记,请直接用文字填写。' },
    { name: 'hint with a template', edit: { [`cat.${fire}.hint`]: '{{constructor}}' }, field: `cat.${fire}.hint`, message: zh('rules.err.markup') },
    { name: 'hint with a bidi override', edit: { [`cat.${fire}.hint`]: '飞线\u202e充电' }, field: `cat.${fire}.hint`, message: zh('fld.err.control') },
    { name: 'new category hint too long', edit: { 'new.kind': 'tip', 'new.key': 'noise', 'new.label': '噪音', 'new.hint': 'x'.repeat(121), 'new.min': '1', 'new.default': '1', 'new.max': '1' }, field: 'new.hint', message: zh('err.text.tooLong', { max: 120 }) },
    { name: 'two new categories with the same key', edit: { ...newRow(0, 'tip', 'noise'), ...newRow(1, 'tip', 'noise') }, field: 'new.1.key', message: zh('rules.err.duplicateCategory', { key: 'tip.noise' }) },
    { name: 'second new category clashing with an existing one', edit: { ...newRow(0, 'tip', 'noise'), ...newRow(1, 'wish', 'elderly_care') }, field: 'new.1.key', message: zh('rules.err.duplicateCategory', { key: 'wish.elderly_care' }) },
    { name: 'second new category without kind', edit: { ...newRow(0, 'tip', 'noise'), ...newRow(1, '', 'pets') }, field: 'new.1.kind', message: zh('rules.err.newKind') },
    { name: 'markup in a label', edit: { [`cat.${fire}.label`]: '消防<script>alert(1)</script>' }, field: `cat.${fire}.label`, message: zh('rules.err.markup') },
    { name: 'negative points', edit: { [`cat.${fire}.min`]: '-1' }, field: `cat.${fire}.min`, message: '请填写整数。' },
    { name: 'decimal points', edit: { duplicate_confirmation_points: '0.5' }, field: 'duplicate_confirmation_points', message: '请填写整数。' },
    { name: 'points too big', edit: { 'caps.per_resident_per_month': '1e21' }, field: 'caps.per_resident_per_month', message: '请填写整数。' },
    { name: 'empty label', edit: { [`cat.${fire}.label`]: '　 ' }, field: `cat.${fire}.label`, message: '必填。' },
    { name: 'percent over 100', edit: { outcome_bonus_percent: '101' }, field: 'outcome_bonus_percent', message: '请填写 0 到 100 之间的整数。' },
    { name: 'wish fulfilment min > max', edit: { 'wish_fulfilment.min': '50', 'wish_fulfilment.max': '40' }, field: 'wish_fulfilment.min', message: zh('rules.err.minAboveMax', { min: 50, max: 40 }) },
    { name: 'mediation default outside', edit: { 'mediation.default': '500' }, field: 'mediation.default', message: zh('rules.err.defaultOutside', { min: 20, max: 200 }) },
    { name: 'daily cap above monthly', edit: { 'caps.per_resident_per_day': '900' }, field: 'caps.per_resident_per_day', message: zh('rules.err.dayAboveMonth', { month: 800 }) },
    { name: 'SLA out of order', edit: { 'sla_hours.tier1_resolve': '200' }, field: 'sla_hours.tier1_resolve', message: zh('rules.err.sla.tier1_resolve', { hours: 120 }) },
    { name: 'night factor 9', edit: { 'patrol.night_multiplier.factor': '9' }, field: 'patrol.night_multiplier.factor', message: zh('rules.err.factor') },
    { name: 'clock 24:00', edit: { 'patrol.night_multiplier.from': '24:00' }, field: 'patrol.night_multiplier.from', message: zh('rules.err.clock') },
    { name: 'expiry 0 months', edit: { 'expiry.months': '0' }, field: 'expiry.months', message: '请填写 1 到 120 之间的整数。' },
    { name: 'reminder longer than expiry', edit: { 'expiry.months': '1', 'expiry.reminder_days': '60' }, field: 'expiry.reminder_days', message: zh('rules.err.reminderTooLong') },
    { name: 'date in the past', edit: { effective_from: '2026-11-19' }, field: 'effective_from', message: '生效日期不能早于今天(2026-11-20)。' },
    { name: 'date before the newest version', edit: { effective_from: '2026-11-21' }, field: 'effective_from', message: zh('rules.err.beforeLatest', { version: 3, date: '2026-11-25' }) },
    { name: 'impossible date', edit: { effective_from: '2026-02-30' }, field: 'effective_from', message: zh('rules.err.date') },
    { name: 'SQL in a number', edit: { 'budget.points': '1 OR 1=1' }, field: 'budget.points', message: '请填写整数。' },
  ];

  it('edits, clears and keeps hints; takes several new categories in one save', () => {
    const clue = idx('tip.case_clue');
    const form = { ...good(), [`cat.${fire}.hint`]: '　楼道里的电动车、飞线充电 ', [`cat.${clue}.hint`]: '',
      ...newRow(0, 'tip', 'noise', { 'new.hint': '夜间施工、广场舞音响' }), 'new.1.key': '', 'new.1.label': '', ...newRow(2, 'wish', 'pets'), 'new.3.key': '' };
    const r = parseRuleSetForm(form, ctx);
    if (!r.ok) throw new Error(JSON.stringify(r.fields));
    const cat = (key: string) => r.body.categories.find((c) => c.key === key);
    expect(cat('tip.fire_hazard')!.hint).toBe('楼道里的电动车、飞线充电');
    expect(cat('tip.case_clue')).not.toHaveProperty('hint');
    expect(cat('wish.other')!.hint).toBe(base.categories[idx('wish.other')].hint);
    expect(r.body.categories.slice(base.categories.length)).toEqual([
      { key: 'tip.noise', kind: 'tip', label: '分类 noise', hint: '夜间施工、广场舞音响', min: 1, default: 2, max: 3, police: false },
      { key: 'wish.pets', kind: 'wish', label: '分类 pets', min: 1, default: 2, max: 3, police: false },
    ]);
    // A form without hint fields (opened before hints were editable) keeps the starting version's.
    const old = good();
    for (const k of Object.keys(old)) if (k.endsWith('.hint')) delete old[k];
    expect(parseRuleSetForm(old, ctx)).toEqual({ ok: true, body: base, effectiveFrom: '2026-12-01' });
  });

  it('再添加一个类别 adds one empty row, keeps the values, and stops at the cap', () => {
    const once = withNewCategoryRow({ ...good(), ...newRow(0, 'tip', 'noise') });
    expect(newCategoryRows(once)).toEqual([0, 1]);
    expect(once['new.key']).toBe('noise');
    expect(once['new.1.key']).toBe('');
    expect(newCategoryRows(withNewCategoryRow(good()))).toEqual([0, 1]);
    let form = good();
    for (let i = 0; i < 60; i++) form = withNewCategoryRow(form);
    expect(base.categories.length + newCategoryRows(form).length).toBe(MAX_CATEGORIES);
    expect(canAddCategoryRow(form)).toBe(false);
    // Filling every row up to the cap is fine; one forged row beyond it is refused.
    const full = { ...form };
    newCategoryRows(full).forEach((j) => Object.assign(full, newRow(j, 'tip', `n${'abcdefghijklmnopqrstuvwxyz'[j]}`)));
    expect(parseRuleSetForm(full, ctx).ok).toBe(true);
    const forged = { ...full, ...newRow(newCategoryRows(full).length, 'wish', 'extra') };
    const f = parseRuleSetForm(forged, ctx);
    expect(f.ok || zh(f.fields._.key, f.fields._.params)).toBe(zh('rules.err.tooManyCategories', { max: MAX_CATEGORIES }));
  });

  it.each(cases)('refuses $name on its field', ({ edit, field, message }) => {
    const r = parseRuleSetForm({ ...good(), ...edit }, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fields[field], JSON.stringify(r.fields)).toBeDefined();
    expect(zh(r.fields[field].key, r.fields[field].params)).toBe(message);
  });

  it('refuses removing every wish category, and a forged flood of rows', () => {
    const form = good();
    base.categories.forEach((c, i) => c.kind === 'wish' && (form[`cat.${i}.remove`] = 'on'));
    const r = parseRuleSetForm(form, ctx);
    expect(r.ok || zh(r.fields._.key)).toBe('至少要保留一个心愿类别。');
    const flood = good();
    for (let i = base.categories.length; i < 60; i++) Object.assign(flood, { [`cat.${i}.key`]: 'tip.case_clue' });
    const f = parseRuleSetForm(flood, ctx);
    expect(f.ok).toBe(false);
  });
});

describe('diffRuleSets and currentVersion', () => {
  it('lists only the changed fields and counts the rest', () => {
    const b = structuredClone(base);
    b.categories[fire].max = 150;
    b.caps.per_resident_per_day = 300;
    b.categories.pop();
    const d = diffRuleSets({ body: base, effectiveFrom: '2026-01-01' }, { body: b, effectiveFrom: '2026-01-01' });
    expect(d.changes.map((c) => c.field + (c.category ? `:${c.category.key}` : ''))).toEqual([
      'category.max:tip.fire_hazard', `category:${base.categories.at(-1)!.key}`, 'caps.per_resident_per_day',
    ]);
    expect(d.changes[0]).toMatchObject({ a: 100, b: 150 });
    const same = diffRuleSets({ body: base, effectiveFrom: '2026-01-01' }, { body: base, effectiveFrom: '2026-01-01' });
    expect(same.changes).toEqual([]);
    expect(d.same).toBe(same.same - 3 - 4); // three changes; the removed category's other four fields are in its one line
  });

  it('the version in force is the highest whose date has come', () => {
    const rows = [{ version: 1, effectiveFrom: '2026-01-01' }, { version: 2, effectiveFrom: '2026-12-01' }];
    expect(currentVersion(rows, '2026-11-30')).toBe(1);
    expect(currentVersion(rows, '2026-12-01')).toBe(2);
    expect(currentVersion(rows, '2025-01-01')).toBe(null);
  });
});
