// normalizePhone over every phone in the shared bad-inputs fixture, plus the ways people really type numbers.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { maskPhone, normalizePhone } from '../../src/domain/auth/phone';
import { AppError } from '../../src/domain/errors';
import { translator } from '../../src/i18n/messages';

const cases = JSON.parse(readFileSync(new URL('../fixtures/bad-inputs/cases.json', import.meta.url), 'utf8')) as {
  phone: string[];
  text: { value: string; repeat?: number }[];
};
const t = translator('zh-CN');
const VALID = '13800138000';
/** Spaces, dashes and a +86 / 86 prefix are how people write a valid number; these normalise. */
const validInFixture = new Set(['+86 138 0013 8000', '86-13800138000']);

function failure(input: unknown): AppError {
  try {
    normalizePhone(input);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error(`normalizePhone accepted ${JSON.stringify(input)}`);
}

describe('normalizePhone with cases.json phones', () => {
  it('the fixture still holds the phones this table expects', () => {
    for (const p of validInFixture) expect(cases.phone).toContain(p);
  });

  it.each(cases.phone.filter((p) => validInFixture.has(p)))('%j normalises to 13800138000', (input) => {
    expect(normalizePhone(input)).toBe(VALID);
  });

  it.each(cases.phone.filter((p) => !validInFixture.has(p)))('%j is refused: 422 with a Chinese message on the phone field', (input) => {
    const err = failure(input);
    expect(err.status).toBe(422);
    expect(err.code).toBe('validation');
    expect(Object.keys(err.fields)).toEqual(['phone']);
    const text = t(err.fields.phone.key, err.fields.phone.params);
    expect(text).toMatch(/[\u4e00-\u9fff]/);
    expect(text).toMatch(/手机号/);
    expect(err.fields.phone.key).toBe(input.trim() === '' ? 'err.phone.empty' : 'err.phone.invalid');
  });

  it.each(cases.text.map((c) => [c.value.slice(0, 30), c.value.repeat(c.repeat ?? 1)]))('text case %j is refused with 422, never a crash', (_label, value) => {
    const err = failure(value);
    expect(err.status).toBe(422);
    expect(Object.keys(err.fields)).toEqual(['phone']);
  });
});

describe('normalizePhone with what people type', () => {
  it.each([
    ['13800138000'],
    ['138 0013 8000'],
    ['138-0013-8000'],
    ['(138) 0013 8000'],
    ['+8613800138000'],
    ['008613800138000'],
    ['  13800138000\t'],
    ['１３８００１３８０００'], // full-width digits
    ['１３８ ００１３ ８０００'], // full-width digits with an ideographic space
    ['＋８６ １３８－００１３－８０００'], // full-width plus and hyphens
  ])('%j → 13800138000', (input) => {
    expect(normalizePhone(input)).toBe(VALID);
  });

  it.each([['12800138000'], ['+1 13800138000'], ['+8612800138000'], ['8613800138000x'], ['138.0013.8000'], ['١٣٨٠٠١٣٨٠٠٠']])('%j is invalid', (input) => {
    expect(failure(input).fields.phone.key).toBe('err.phone.invalid');
  });

  it.each([[undefined], [null], [13800138000], [['13800138000']], [{}], ['　　 ']])('%j (not a usable string) reads as empty', (input) => {
    const err = failure(input);
    expect(err.status).toBe(422);
    expect(err.fields.phone.key).toBe('err.phone.empty');
  });

  it('masks the middle four digits for display', () => {
    expect(maskPhone(VALID)).toBe('138****8000');
  });
});
