// CSV bytes in and out: UTF-8 with and without BOM, GBK from Excel, parsing with Chinese or English headers, formula neutralising.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeCsv } from '../../src/domain/csv/decode';
import { parseCsv, type CsvColumn } from '../../src/domain/csv/parse';
import { attachmentHeader, neutraliseCell, toCsv } from '../../src/domain/csv/stringify';
import { AppError } from '../../src/domain/errors';

const COLS: CsvColumn[] = [
  { key: 'code', zh: '网格编码', required: true },
  { key: 'name', zh: '网格名称', required: true },
  { key: 'households', zh: '户数' },
];
const text = '网格编码,网格名称,户数\r\n510105017003001,清波小区一网格,227\r\n';
const errKey = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as AppError).msg.key;
  }
  return 'no error';
};

describe('decodeCsv', () => {
  it('reads UTF-8 without BOM', () => {
    expect(decodeCsv(new TextEncoder().encode(text))).toEqual({ text, encoding: 'utf-8' });
  });
  it('strips the UTF-8 BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    expect(decodeCsv(bytes)).toEqual({ text, encoding: 'utf-8-bom' });
  });
  it('falls back to GBK when the bytes are not UTF-8', () => {
    const bytes = iconv.encode(text, 'gbk');
    expect(decodeCsv(new Uint8Array(bytes))).toEqual({ text, encoding: 'gbk' });
  });
  it('reads GB18030-only characters written by iconv', () => {
    const rare = '名称\r\n𠀀社区\r\n';
    expect(decodeCsv(new Uint8Array(iconv.encode(rare, 'gb18030'))).text).toBe(rare);
  });
  it('refuses empty, UTF-16 and binary files with a readable key', () => {
    expect(errKey(() => decodeCsv(new Uint8Array()))).toBe('csv.err.empty');
    expect(errKey(() => decodeCsv(new Uint8Array(iconv.encode('\ufeffa,b', 'utf-16le'))))).toBe('csv.err.utf16');
    expect(errKey(() => decodeCsv(new Uint8Array([0x61, 0, 0x62])))).toBe('csv.err.binary');
  });
});

describe('parseCsv', () => {
  it('maps Chinese headers and gives Excel row numbers', () => {
    const { rows } = parseCsv(text, COLS);
    expect(rows).toEqual([{ line: 2, cells: { code: '510105017003001', name: '清波小区一网格', households: '227' } }]);
  });
  it('accepts English keys, extra spaces, parenthesised notes and ignores unknown columns', () => {
    const { rows, ignored } = parseCsv(' CODE ,名称x,网格名称（必填）\n1,2,3\n', COLS);
    expect(rows[0].cells).toEqual({ code: '1', name: '3' });
    expect(ignored).toEqual(['名称x']);
  });
  it('skips rows of bare commas but keeps numbering', () => {
    const { rows } = parseCsv('code,name\n,,\n1,a\n,\n', COLS);
    expect(rows).toEqual([{ line: 3, cells: { code: '1', name: 'a' } }]);
  });
  it('reads quoted cells with commas, quotes and newlines', () => {
    const { rows } = parseCsv('code,name\n1,"a, ""b""\nc"\n', COLS);
    expect(rows[0].cells.name).toBe('a, "b"\nc');
  });
  it('undoes the export neutralising so a file round-trips', () => {
    const { rows } = parseCsv(toCsv(COLS, [{ code: '1', name: '=cmd|x' }]).slice(1), COLS);
    expect(rows[0].cells.name).toBe('=cmd|x');
  });
  it('reports missing columns, duplicate columns, no rows, too many rows and broken quotes', () => {
    expect(errKey(() => parseCsv('code\n1\n', COLS))).toBe('csv.err.missingColumns');
    expect(errKey(() => parseCsv('code,name,名称\n1,2,3\n', [...COLS, { key: 'x', zh: '名称', aliases: ['name'] }]))).toBe('csv.err.duplicateColumn');
    expect(errKey(() => parseCsv('code,name\n', COLS))).toBe('csv.err.noRows');
    expect(errKey(() => parseCsv('code,name\n1,a\n2,b\n', COLS, 1))).toBe('csv.err.tooManyRows');
    expect(errKey(() => parseCsv('code,name\n1,"a\n', COLS))).toBe('csv.err.malformed');
  });
  it('reads tab-separated text', () => {
    expect(parseCsv('code\tname\n1\ta\n', COLS).rows[0].cells).toEqual({ code: '1', name: 'a' });
  });
});

describe('toCsv', () => {
  it('writes BOM, CRLF, quoting, and neutralises formula cells', () => {
    const out = toCsv(COLS, [{ code: '=cmd|\' /C calc\'!A0', name: 'a,"b"', households: 3 }, { code: '+1', name: '@SUM(A1)', households: null }]);
    expect(out.startsWith('\uFEFF网格编码,网格名称,户数\r\n')).toBe(true);
    expect(out).toContain(`'=cmd|' /C calc'!A0,"a,""b""",3\r\n`);
    expect(out).toContain(`'+1,'@SUM(A1),\r\n`);
  });
  it('neutralises every dangerous first character and nothing else', () => {
    for (const c of ['=', '+', '-', '@', '\t', '\r']) expect(neutraliseCell(`${c}x`)).toBe(`'${c}x`);
    expect(neutraliseCell('清波小区')).toBe('清波小区');
    expect(neutraliseCell("'=x")).toBe("'=x");
  });
  it('names files for every browser (RFC 5987)', () => {
    expect(attachmentHeader('网格-清源.csv')).toBe(`attachment; filename="__-__.csv"; filename*=UTF-8''${encodeURIComponent('网格-清源.csv')}`);
  });
});
