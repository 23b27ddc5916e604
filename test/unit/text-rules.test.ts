// The one text rule (src/domain/text/text-rules.ts): the same normalisation and refusals for names and long texts.
import { describe, expect, it } from 'vitest';
import { checkText, longTextRule, nameRule } from '../../src/domain/text/text-rules';
import { checkDescription } from '../../src/domain/submissions/description-rules';
import { badTexts } from '../helpers/bad-inputs';

const name = nameRule(64);
const long = longTextRule(1000);
const problem = (v: string, rule = name) => {
  const c = checkText(v, rule);
  return c.ok ? `ok:${c.value}` : c.problem;
};

describe('text rule', () => {
  it('refuses what cannot be shown honestly, in names and long text alike', () => {
    for (const rule of [name, long]) {
      expect(problem('<script>alert(1)</script>', rule)).toBe('markup');
      expect(problem('<img src=x onerror=alert(1)>', rule)).toBe('markup');
      expect(problem('" hx-get="/admin" hx-trigger="load', rule)).toBe('markup');
      expect(problem('{{7*7}}${7*7}<%= 7*7 %>', rule)).toBe('markup');
      expect(problem('\u202Egnp.exe', rule)).toBe('control');
      expect(problem('a\u2066b', rule)).toBe('control');
      expect(problem('a\u0000b', rule)).toBe('control');
      expect(problem('a\u001Bb', rule)).toBe('control');
      expect(problem('a\u0085b', rule)).toBe('control');
      expect(problem('a\uD800b', rule)).toBe('control');
      expect(problem('a\uDC00b', rule)).toBe('control');
      expect(problem('a\uFFFD\uFFFD\uFFFDb', rule)).toBe('control');
      expect(problem('　　 ', rule)).toBe('empty');
      expect(problem('x'.repeat(100_000), rule)).toBe('long');
      expect(problem('😀👨‍👩‍👧‍👦𠀀', rule)).toBe('ok:😀👨‍👩‍👧‍👦𠀀');
      expect(problem("'; DROP TABLE submissions; --", rule)).toBe("ok:'; DROP TABLE submissions; --");
    }
  });

  it('names are one line, NFKC, spaces collapsed; long text keeps lines and Chinese punctuation', () => {
    expect(problem('一号\n网格')).toBe('lineBreak');
    expect(problem('一号\r网格')).toBe('lineBreak');
    expect(problem('  Ａ区\t一号　　网格 ')).toBe('ok:A区 一号 网格');
    expect(problem('你好,世界\r\n第二行  \n', long)).toBe('ok:你好,世界\n第二行');
    expect(problem('', nameRule(10, { optional: true }))).toBe('ok:');
  });

  it('every bad-input case is refused or kept exactly, by names and descriptions the same way', () => {
    for (const v of badTexts()) {
      const n = checkText(v, name);
      const d = checkDescription(v);
      if (n.ok) expect(n.value).toBe(v.trim());
      if (d.ok && v.length <= 64) expect(n.ok).toBe(true);
    }
  });
});
