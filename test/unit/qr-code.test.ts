// QR code strings: random over the 31-symbol alphabet, 13 long, unique in practice; the format check rejects junk.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, CODE_LENGTH, generateCode, groupCode, normalizeCode, scanUrl } from '../../src/domain/qr/generate-code';

const cases = JSON.parse(readFileSync(new URL('../fixtures/bad-inputs/cases.json', import.meta.url), 'utf8')) as {
  text: { value: string; repeat?: number }[];
  ids: string[];
};

describe('generateCode', () => {
  it('uses 13 symbols of the alphabet without look-alikes (≥ 60 bits)', () => {
    expect(CODE_ALPHABET).toHaveLength(31);
    expect(CODE_ALPHABET).not.toMatch(/[01ILO]/);
    expect(CODE_LENGTH * Math.log2(CODE_ALPHABET.length)).toBeGreaterThan(60);
    for (let i = 0; i < 1000; i++) expect(generateCode()).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{13}$/);
  });

  it('draws 100,000 distinct codes with every symbol in roughly equal share', () => {
    const seen = new Set<string>();
    const freq = new Map<string, number>();
    for (let i = 0; i < 100_000; i++) {
      const c = generateCode();
      seen.add(c);
      for (const ch of c) freq.set(ch, (freq.get(ch) ?? 0) + 1);
    }
    expect(seen.size).toBe(100_000);
    expect(freq.size).toBe(31);
    // 1.3 M symbols: each expected ~41,935 times; a modulo bias would push some ~3 % off.
    const expected = (100_000 * CODE_LENGTH) / 31;
    for (const n of freq.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.02);
  });
});

describe('normalizeCode', () => {
  const code = generateCode();

  it('accepts the code, its lower case and the printed grouping', () => {
    expect(normalizeCode(code)).toBe(code);
    expect(normalizeCode(code.toLowerCase())).toBe(code);
    expect(normalizeCode(groupCode(code))).toBe(code);
    expect(normalizeCode(` ${code.slice(0, 4)}-${code.slice(4)} `)).toBe(code);
  });

  it('rejects traversal, SQL, look-alikes, wrong lengths and every bad-input text and id', () => {
    const bad = [
      '../../../../etc/passwd',
      '%2e%2e%2f',
      "' OR '1'='1",
      "ABCD'; DROP TABLE qr_codes; --",
      'abcdefghijklm', // lower-case junk: 'i' and 'l' are not in the alphabet
      'O0I1L23456789', // look-alikes
      code.slice(0, 12),
      code + 'A',
      '',
      undefined,
      null,
      code.replace(/./, 'Ａ'), // full-width letter
      ...cases.ids,
      ...cases.text.map((t) => t.value.repeat(t.repeat ?? 1)),
    ];
    for (const raw of bad) expect(normalizeCode(raw as string), String(raw).slice(0, 40)).toBeNull();
  });
});

describe('helpers', () => {
  it('groups for reading and builds the scan URL without a double slash', () => {
    expect(groupCode('ABCDEFGHJKMNP')).toBe('ABCD EFGH JKMNP');
    expect(scanUrl('https://anlin.example.cn/', 'ABCDEFGHJKMNP')).toBe('https://anlin.example.cn/q/ABCDEFGHJKMNP');
    expect(scanUrl('http://127.0.0.1:3000', 'ABCDEFGHJKMNP')).toBe('http://127.0.0.1:3000/q/ABCDEFGHJKMNP');
  });
});
