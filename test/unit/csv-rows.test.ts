// Row validation shared by forms and CSV: each bad cell gives a row error keyed to the Chinese header, in the catalogue.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRow, rowErrorCollector } from '../../src/domain/csv/import-spec';
import { GRID_COLUMNS } from '../../src/domain/grids/grid-csv';
import { codePrefixError, gridForm } from '../../src/domain/grids/grid-rules';
import { parentAllowed, placeCsvRow } from '../../src/domain/places/place-rules';
import { staffCsvRow } from '../../src/domain/staff/staff-rules';
import { translator } from '../../src/i18n/messages';

const cases = JSON.parse(readFileSync(new URL('../fixtures/bad-inputs/cases.json', import.meta.url), 'utf8').toString()) as { text: { value: string; repeat?: number }[] };
const t = translator('zh-CN');

function check(schema: Parameters<typeof parseRow>[0], cells: Record<string, string>) {
  const { errors, add } = rowErrorCollector(GRID_COLUMNS);
  const { v } = parseRow(schema, { line: 7, cells }, add);
  return { v, errors };
}

describe('grid rows', () => {
  const good = { code: '510105017003001', name: '一网格', kind: '综合网格', households: '227' };
  it('accepts Chinese kind labels, full-width digits and blank households', () => {
    expect(check(gridForm, good).v).toEqual({ code: '510105017003001', name: '一网格', kind: 'comprehensive', households: 227 });
    expect(check(gridForm, { ...good, code: '５１０１０５０１７００３００１', kind: 'dedicated', households: '' }).v).toMatchObject({ code: good.code, kind: 'dedicated', households: null });
  });
  it('reports wrong length, non-digits and bad numbers with the row and header', () => {
    const { v, errors } = check(gridForm, { code: '51010501700300', name: '', kind: '乱填', households: '100abc' });
    expect(v).toBeNull();
    expect(errors.map((e) => [e.line, e.column, e.msg.key])).toEqual([
      [7, '网格编码', 'grid.err.codeLength'],
      [7, '网格名称', 'fld.err.required'],
      [7, '类型', 'fld.err.choice'],
      [7, '户数', 'fld.err.integer'],
    ]);
    expect(t(errors[0].msg.key, errors[0].msg.params)).toBe('网格编码应为 15 位数字,现在是 14 位。');
    expect(check(gridForm, { ...good, code: '51010501700300x' }).errors[0].msg.key).toBe('grid.err.codeDigits');
    for (const h of ['-1', '0.5', '1e21', 'NaN', '1 OR 1=1', '9007199254740993']) expect(check(gridForm, { ...good, households: h }).v).toBeNull();
  });
  it('checks the community prefix', () => {
    expect(codePrefixError('510105017003001', '510105017003')).toBeNull();
    expect(codePrefixError('510105017004001', '510105017003')?.key).toBe('grid.err.codePrefix');
  });
  it('treats every bad-input text as a 4xx-style field error or stores it as typed', () => {
    for (const c of cases.text) {
      const value = c.value.repeat(c.repeat ?? 1);
      const { v, errors } = check(gridForm, { ...good, name: value });
      if (v) expect(v.name).toBe(value.trim());
      else expect(errors[0].msg.key).toMatch(/^(fld\.err\.(required|control)|err\.text\.tooLong|text\.err\.markup)$/);
    }
    expect(check(gridForm, { ...good, name: '‮gnp.exe' }).errors[0]?.msg.key).toBe('fld.err.control');
    expect(check(gridForm, { ...good, name: '　　 ' }).errors[0]?.msg.key).toBe('fld.err.required');
    expect(check(gridForm, { ...good, name: '😀👨‍👩‍👧‍👦𠀀' }).v?.name).toBe('😀👨‍👩‍👧‍👦𠀀');
    // The one text rule: markup, line breaks, controls, broken characters refused; NFKC and spaces normalised.
    for (const [name, key] of [['<img src=x onerror=alert(1)>', 'text.err.markup'], ['a\r\nb', 'text.err.lineBreak'], ['a\u0007b', 'fld.err.control'], ['a\uD800b', 'fld.err.control'], ['a\uFFFDb', 'fld.err.control']]) {
      expect(check(gridForm, { ...good, name }).errors[0]?.msg.key, JSON.stringify(name)).toBe(key);
    }
    expect(check(gridForm, { ...good, name: 'Ａ区\t 一号　网格' }).v?.name).toBe('A区 一号 网格');
  });
});

describe('place rows', () => {
  it('reads kinds in Chinese and refuses bad keys', () => {
    expect(check(placeCsvRow, { key: 'cy1-b1', name: '1栋', kind: '楼栋', parent: 'cy1', grid: '', floors: '6', units: '2' }).v).toMatchObject({ kind: 'building', floors: 6, units: 2, grid: '' });
    expect(check(placeCsvRow, { key: '../etc', name: 'x', kind: 'unit' }).errors.map((e) => e.msg.key)).toEqual(['place.err.key']);
    expect(check(placeCsvRow, { key: 'a', name: 'x', kind: 'other', grid: '123' }).errors.map((e) => e.msg.key)).toEqual(['grid.err.codeLength']);
  });
  it('keeps the tree shape courtyard → building → unit', () => {
    expect(parentAllowed('courtyard', null)).toBe(true);
    expect(parentAllowed('building', 'courtyard')).toBe(true);
    expect(parentAllowed('unit', 'building')).toBe(true);
    expect(parentAllowed('unit', null)).toBe(false);
    expect(parentAllowed('courtyard', 'building')).toBe(false);
    expect(parentAllowed('checkpoint', 'unit')).toBe(false);
  });
});

describe('staff rows', () => {
  it('reads several roles and grids in one cell', () => {
    const { v } = check(staffCsvRow, { username: ' Wang.Li ', name: '王丽', roles: '网格员|社区民警', grids: '510105017003001 | 510105017003002' });
    expect(v).toEqual({ username: 'wang.li', name: '王丽', roles: ['grid_worker', 'police'], grids: ['510105017003001', '510105017003002'] });
  });
  it('refuses unknown roles, short usernames and bad grid codes', () => {
    const { errors } = check(staffCsvRow, { username: 'ab', name: '王', roles: '队长', grids: '12' });
    expect(errors.map((e) => e.msg.key)).toEqual(['staff.err.username', 'fld.err.choice', 'grid.err.codeLength']);
  });
});
