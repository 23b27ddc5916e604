// The leader's rotating code: one per 30 s window, accepted in its window and the next, refused when older or malformed.
import { describe, expect, it } from 'vitest';
import { leaderCode, leaderCodeValid, secondsLeft, windowOf } from '../../src/domain/patrols/leader-code';

const secret = 'f'.repeat(32);
const t0 = new Date('2026-12-02T11:10:00Z');
const plus = (s: number) => new Date(t0.getTime() + s * 1000);

describe('leader code', () => {
  it('changes every 30 s and differs by shift', () => {
    const a = leaderCode(secret, 7, windowOf(t0));
    expect(a).toMatch(/^\d{6}$/);
    expect(leaderCode(secret, 7, windowOf(plus(29)))).toBe(a);
    expect(leaderCode(secret, 7, windowOf(plus(30)))).not.toBe(a);
    expect(leaderCode(secret, 8, windowOf(t0))).not.toBe(a);
    expect(secondsLeft(plus(10))).toBe(20);
  });

  it('is accepted in its window and the next; older (a replayed photo) or malformed is refused', () => {
    const code = leaderCode(secret, 7, windowOf(t0));
    expect(leaderCodeValid(secret, 7, code, plus(5))).toBe(true);
    expect(leaderCodeValid(secret, 7, code, plus(45))).toBe(true);
    expect(leaderCodeValid(secret, 7, code, plus(61))).toBe(false);
    expect(leaderCodeValid(secret, 8, code, plus(5))).toBe(false);
    expect(leaderCodeValid('e'.repeat(32), 7, code, plus(5))).toBe(false);
    for (const bad of ['', '12345', '1234567', 'abcdef']) expect(leaderCodeValid(secret, 7, bad, plus(5))).toBe(false);
  });
});
