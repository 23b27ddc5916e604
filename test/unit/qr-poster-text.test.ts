// Poster text from the bundled font: GB2312 coverage, clean-up of admin-entered labels, Chinese line breaking, shrink to fit.
import { describe, expect, it } from 'vitest';
import { hasGlyph, loadGlyphsFor } from '../../src/domain/qr/poster/fonts';
import { fit, measure, printable, wrap } from '../../src/domain/qr/poster/text';

/** Every hanzi of GB2312, by decoding each two-byte code (rows 0xB0–0xD7 are the 3,755 common hanzi). */
function gb2312(rows: [number, number]): string[] {
  const dec = new TextDecoder('gbk');
  const out: string[] = [];
  for (let hi = rows[0]; hi <= rows[1]; hi++) {
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      const ch = dec.decode(new Uint8Array([hi, lo]));
      if (/^\p{Script=Han}$/u.test(ch)) out.push(ch);
    }
  }
  return out;
}

describe('font coverage', () => {
  it('draws every common hanzi (GB2312 level 1) and 99 % of the rare level 2', async () => {
    const level1 = gb2312([0xb0, 0xd7]);
    const level2 = gb2312([0xd8, 0xf7]);
    expect(level1.length).toBeGreaterThan(3700);
    await loadGlyphsFor([level1.join(''), level2.join(''), 'ABCxyz0123456789:/.-·']);
    expect(level1.filter((c) => !hasGlyph(c.codePointAt(0)!))).toEqual([]);
    // Noto Sans SC (Google Fonts build) lacks 33 of the 3,008 rare hanzi, e.g. 蒈 and 齄.
    expect(level2.filter((c) => !hasGlyph(c.codePointAt(0)!)).length).toBeLessThanOrEqual(33);
    expect([...'ABCxyz0123456789:/.-·'].every((c) => hasGlyph(c.codePointAt(0)!))).toBe(true);
  });
});

describe('printable', () => {
  it('drops controls, bidi overrides and emoji but keeps Chinese and markup-like text as plain characters', () => {
    expect(printable('‮gnp.exe')).toBe('gnp.exe');
    expect(printable('1栋\u0000大堂\t民情 😀👨‍👩‍👧‍👦')).toBe('1栋大堂 民情');
    expect(printable('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
    expect(printable('　　 ')).toBe('');
  });
});

describe('wrap and fit', () => {
  const style = { size: 12, weight: 'bold' as const };

  it('keeps phrases whole and drops a separator left at a line end', async () => {
    const text = '扫码反映问题 · 提供线索 · 许个心愿';
    await loadGlyphsFor([text]);
    const lines = wrap(text, style, measure('扫码反映问题 ·', style) + 1)!;
    expect(lines).toEqual(['扫码反映问题', '提供线索', '许个心愿']);
  });

  it('never starts a line with closing punctuation', async () => {
    const text = '一二三四五六七八九十,一二三';
    await loadGlyphsFor([text]);
    const lines = wrap(text, style, measure('一二三四五六七八九十', style) + 1)!;
    expect(lines.every((l) => !/^[,,]/.test(l))).toBe(true);
    expect(lines.join('')).toBe(text);
  });

  it('shrinks to fit, and ends with an ellipsis when even the smallest size overflows', async () => {
    const long = '苏坡新居一期7栋大堂 民情收集点'.repeat(6);
    await loadGlyphsFor([long, '…']);
    const small = fit('苏坡新居一期7栋大堂 民情收集点', { size: 40, weight: 'bold' }, { maxWidth: 300, maxLines: 1, minSize: 10 });
    expect(small.lines).toHaveLength(1);
    expect(small.style.size).toBeLessThan(40);
    const cut = fit(long, style, { maxWidth: 100, maxLines: 2, minSize: 10 });
    expect(cut.lines).toHaveLength(2);
    expect(cut.lines[1].endsWith('…')).toBe(true);
    for (const l of cut.lines) expect(measure(l, cut.style)).toBeLessThanOrEqual(100);
  });
});
