// Pure rules of a description: trimming (full-width spaces too), limits counted as people see characters, markup and control characters.
import { describe, expect, it } from 'vitest';
import { checkDescription, DESCRIPTION_MAX, DESCRIPTION_MIN, visibleLength } from '../../src/domain/submissions/description-rules';

const key = (text: string) => {
  const r = checkDescription(text);
  return r.ok ? 'ok' : r.error.key;
};

describe('checkDescription', () => {
  it('trims ASCII and full-width spaces; only spaces is empty', () => {
    expect(checkDescription('\u3000 楼道灯坏了好几天 \u3000\n')).toEqual({ ok: true, value: '楼道灯坏了好几天' });
    expect(key('\u3000\u3000 ')).toBe('report.err.descriptionEmpty');
    expect(key('')).toBe('report.err.descriptionEmpty');
  });

  it(`counts what people see: ${DESCRIPTION_MIN}–${DESCRIPTION_MAX} characters, an emoji family or 𠀀 being one`, () => {
    expect(visibleLength('😀👨‍👩‍👧‍👦𠀀')).toBe(3);
    expect(key('😀👨‍👩‍👧‍👦𠀀')).toBe('report.err.descriptionShort');
    expect(key('四个字啊')).toBe('report.err.descriptionShort');
    expect(key('五个字了啊')).toBe('ok');
    expect(key('长'.repeat(DESCRIPTION_MAX))).toBe('ok');
    const long = checkDescription('长'.repeat(DESCRIPTION_MAX + 1));
    expect(long).toEqual({ ok: false, error: { key: 'report.err.descriptionLong', params: { max: DESCRIPTION_MAX, n: DESCRIPTION_MAX + 1 } } });
    expect(key('x'.repeat(100_000))).toBe('report.err.descriptionLong');
  });

  it('keeps line breaks and normalises CRLF', () => {
    expect(checkDescription('第一行说明\r\n第二行说明')).toEqual({ ok: true, value: '第一行说明\n第二行说明' });
  });

  it('refuses invisible control and direction characters, but not the ZWJ inside emoji', () => {
    expect(key('\u202Egnp.exe 文件')).toBe('report.err.control');
    expect(key('响铃\u0007字符很吵的')).toBe('report.err.control');
    expect(key('我家👨‍👩‍👧‍👦四口人')).toBe('ok');
  });

  it('refuses markup and template syntax, and lets ordinary angle brackets and maths through', () => {
    for (const bad of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '" hx-get="/admin" hx-trigger="load', '{{7*7}}${7*7}<%= 7*7 %>', '看这里 <a href="x">链接</a>', '<!-- 注释 -->']) {
      expect(key(bad), bad).toBe('report.err.markup');
    }
    for (const fine of ['温度<30度,水管会冻裂', '3<5 栋之间的路灯', 'a < b 的那段路坑很多', '<3栋>门口有积水', "'; DROP TABLE submissions; --"]) {
      expect(key(fine), fine).toBe('ok');
    }
  });
});
