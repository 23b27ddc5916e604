// Arguments of `npm run qr:posters`: --out is required, --community is a 12-digit code, --sheet picks 4 or 8 (default both).
import { describe, expect, it } from 'vitest';
import { parsePosterArgs } from '../../src/cli/qr-posters';

describe('parsePosterArgs', () => {
  it('reads --out, --community and --sheet', () => {
    expect(parsePosterArgs(['--out', 'dist/posters'])).toEqual({ out: 'dist/posters', community: undefined, sheets: [4, 8] });
    expect(parsePosterArgs(['--out', 'x', '--community', '510105017003', '--sheet', '8'])).toEqual({ out: 'x', community: '510105017003', sheets: [8] });
  });

  it('explains what is wrong in Chinese and English', () => {
    expect(() => parsePosterArgs([])).toThrow(/--out/);
    expect(() => parsePosterArgs(['--out', 'x', '--community', "1' OR '1'='1"])).toThrow(/12 位社区编码/);
    expect(() => parsePosterArgs(['--out', 'x', '--sheet', '6'])).toThrow(/4 或 8/);
    expect(() => parsePosterArgs(['--out', 'x', '--bogus'])).toThrow(/参数无效/);
  });
});
