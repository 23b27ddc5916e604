// Voucher codes: 8 unambiguous symbols, evenly drawn; what a clerk types or a camera reads is normalised or refused
// with the reason (look-alike characters vs wrong format). And how the counter shows a resident.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors';
import { maskResident } from '../../src/domain/rewards/mask-resident';
import { generateVoucherCode, groupVoucherCode, parseVoucherCode, voucherUrl } from '../../src/domain/rewards/voucher-code';

const refusal = (raw: unknown) => {
  try {
    parseVoucherCode(raw);
    return null;
  } catch (e) {
    return (e as AppError).msg.key;
  }
};

describe('voucher codes', () => {
  it('are 8 symbols without 0 O 1 I L, and every symbol of the alphabet turns up', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const c = generateVoucherCode();
      expect(c).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
      for (const ch of c) seen.add(ch);
    }
    expect(seen.size).toBe(31);
  });

  it('forgive case, spaces and dashes, and read the code out of the voucher URL the QR holds', () => {
    expect(parseVoucherCode(' abcd-2345 ')).toBe('ABCD2345');
    expect(parseVoucherCode(groupVoucherCode('ABCD2345'))).toBe('ABCD2345');
    expect(parseVoucherCode(voucherUrl('https://anlin.example/', 'ZXCV5678'))).toBe('ZXCV5678');
  });

  it('refuse look-alikes, wrong lengths, other alphabets and non-strings, each with its reason', () => {
    expect(refusal('ABCD1234')).toBe('rewards.err.codeAmbiguous');
    expect(refusal('ABCDO234')).toBe('rewards.err.codeAmbiguous');
    expect(refusal('abcdl234')).toBe('rewards.err.codeAmbiguous');
    expect(refusal('')).toBe('rewards.err.codeEmpty');
    expect(refusal('ABC')).toBe('rewards.err.codeFormat');
    expect(refusal('ABCD23456')).toBe('rewards.err.codeFormat');
    expect(refusal('ＡＢＣＤ２３４５')).toBe('rewards.err.codeFormat');
    expect(refusal("' or 1=1")).toBe('rewards.err.codeFormat');
    expect(refusal(12345678)).toBe('rewards.err.codeFormat');
    expect(refusal('A'.repeat(500))).toBe('rewards.err.codeFormat');
  });
});

describe('maskResident', () => {
  it('shows 张** from a name, else 尾号 and the last four digits, never the whole of either', () => {
    expect(maskResident('张三丰', '13800138000')).toBe('张**');
    expect(maskResident('', '13800138000')).toBe('尾号 8000');
    expect(maskResident(null, null)).toBe('—');
  });
});
