// Points amounts: only whole numbers 1..100000 pass; every shared bad input is a 422 with a Chinese message.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors';
import { MAX_POINTS, parsePointsAmount } from '../../src/domain/points/amount';
import { addMonths, localClock } from '../../src/domain/points/clock';
import { translator } from '../../src/i18n/messages';
import { badInputs } from '../helpers/bad-inputs';

describe('parsePointsAmount', () => {
  it.each([1, 5, 100, MAX_POINTS])('accepts %s', (v) => expect(parsePointsAmount(v)).toBe(v));

  it.each([...badInputs.points, MAX_POINTS + 1, -0.5, Number.NaN, Infinity, '100', true, {}, [], undefined].map((v) => [v]))(
    'refuses %j with a 422 and a Chinese field message',
    (v) => {
      let err: unknown;
      try {
        parsePointsAmount(v);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AppError);
      const e = err as AppError;
      expect(e.status).toBe(422);
      expect(e.fields.amount).toBeDefined();
      expect(translator('zh-CN')(e.msg.key, e.msg.params)).toMatch(/^[^{}]*[\u4e00-\u9fff][^{}]*$/);
    },
  );

  it('says "too large" for huge numbers', () => {
    expect(() => parsePointsAmount(1e21)).toThrow('points.err.amountTooLarge');
    expect(() => parsePointsAmount(9007199254740993)).toThrow('points.err.amountTooLarge');
  });
});

describe('localClock / addMonths', () => {
  it('puts day and month starts at local midnight (Asia/Shanghai is UTC+8)', () => {
    const c = localClock(new Date('2026-11-30T17:30:00Z'), 'Asia/Shanghai'); // 01:30 on Dec 1 in Shanghai
    expect(c.day).toBe('2026-12-01');
    expect(c.period).toBe('2026-12');
    expect(c.dayStart.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(c.monthStart.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(c.minuteOfDay).toBe(90);
  });

  it('adds months clamped to the month end', () => {
    expect(addMonths(new Date('2026-01-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(addMonths(new Date('2026-11-15T00:00:00Z'), 24).toISOString()).toBe('2028-11-15T00:00:00.000Z');
  });
});
