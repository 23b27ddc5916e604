// Table-driven rule evaluation over every rule of the demo rule set: ranges/clamping, caps, fund, second approver,
// outcome bonus, duplicate credit, fulfilment/mediation ranges, patrol night multiplier and shift cap, activity day cap.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateAward, nightMs, type Contribution, type Evaluation, type EvaluateAwardInput } from '../../src/domain/points/evaluate-award';
import { ruleSetBodySchema, type RuleSetBody } from '../../src/domain/rules/rule-set-schema';

const fixture = JSON.parse(readFileSync(new URL('../../src/cli/seed-data/demo-community.json', import.meta.url), 'utf8'));
const R: RuleSetBody = ruleSetBodySchema.parse(fixture.incentive_rules);
const TZ = 'Asia/Shanghai';
/** A local Shanghai wall-clock time on 2026-11-20 (UTC+8) as a Date. */
const at = (hhmm: string, dayOffset = 0) => new Date(Date.parse(`2026-11-${20 + dayOffset}T${hhmm}:00+08:00`));
const patrol = (from: string, to: string, toDay = 0): Contribution => ({ kind: 'patrol', start: at(from), end: at(to, toDay), timeZone: TZ });
const cat = (categoryKey: string): Contribution => ({ kind: 'category', categoryKey });

interface Case {
  name: string;
  c: Contribution;
  requested?: number;
  today?: number;
  month?: number;
  activityToday?: number;
  fund?: number;
  rules?: Partial<RuleSetBody>;
  expect: Partial<Evaluation>;
}

const cases: Case[] = [
  // Category ranges, defaults and clamping.
  { name: 'case clue default', c: cat('tip.case_clue'), expect: { amount: 100, rule: 'category:tip.case_clue', needsSecondApprover: false } },
  { name: 'case clue below min is clamped up', c: cat('tip.case_clue'), requested: 10, expect: { amount: 50, clampedFrom: 10 } },
  { name: 'fire hazard at max', c: cat('tip.fire_hazard'), requested: 100, expect: { amount: 100, clampedFrom: undefined } },
  { name: 'fire hazard above max is clamped', c: cat('tip.fire_hazard'), requested: 101, expect: { amount: 100, clampedFrom: 101 } },
  { name: 'fire hazard default', c: cat('tip.fire_hazard'), expect: { amount: 30 } },
  { name: 'population info range 5–50', c: cat('tip.population_info'), requested: 60, expect: { amount: 50, clampedFrom: 60 } },
  { name: 'suspicious default', c: cat('tip.suspicious'), expect: { amount: 50 } },
  { name: 'wish fixed 5 (default)', c: cat('wish.environment'), expect: { amount: 5, rule: 'category:wish.environment' } },
  { name: 'wish fixed 5 (requested 50)', c: cat('wish.elderly_care'), requested: 50, expect: { amount: 5, clampedFrom: 50 } },
  { name: 'unknown category refused', c: cat('tip.nope'), expect: { amount: 0, refused: { reason: 'unknown_category', category: 'tip.nope' } } },
  // Second approver: strictly above the threshold, judged before caps.
  { name: '200 needs no second approver', c: cat('tip.case_clue'), requested: 200, expect: { amount: 200, needsSecondApprover: false } },
  { name: '201 needs a second approver', c: cat('tip.case_clue'), requested: 201, expect: { amount: 200, base: 201, needsSecondApprover: true, cappedBy: 'day', cappedFrom: 201 } },
  { name: '600 clamped to 500, then capped by the day', c: cat('tip.case_clue'), requested: 600, expect: { amount: 200, base: 500, clampedFrom: 600, cappedBy: 'day', cappedFrom: 500, needsSecondApprover: true } },
  { name: 'threshold from the rule set', c: cat('tip.fire_hazard'), requested: 60, rules: { second_approver_above: 50 }, expect: { amount: 60, needsSecondApprover: true } },
  // Per-resident caps: award up to the cap and say so; refuse when nothing is left.
  { name: 'day cap trims', c: cat('tip.fire_hazard'), requested: 100, today: 150, month: 150, expect: { amount: 50, cappedBy: 'day', cappedFrom: 100 } },
  { name: 'day cap reached', c: cat('tip.fire_hazard'), today: 200, month: 200, expect: { amount: 0, refused: { reason: 'cap_reached', cap: 'day', limit: 200 } } },
  { name: 'month cap trims', c: cat('tip.fire_hazard'), requested: 100, month: 780, expect: { amount: 20, cappedBy: 'month', cappedFrom: 100 } },
  { name: 'month cap reached', c: cat('tip.fire_hazard'), month: 800, expect: { amount: 0, refused: { reason: 'cap_reached', cap: 'month', limit: 800 } } },
  { name: 'tighter of day and month wins', c: cat('tip.fire_hazard'), requested: 100, today: 150, month: 790, expect: { amount: 10, cappedBy: 'month', cappedFrom: 100 } },
  // Fund: refused with the figures, never silently capped.
  { name: 'fund exactly enough', c: cat('tip.fire_hazard'), fund: 30, expect: { amount: 30, refused: undefined } },
  { name: 'fund one short', c: cat('tip.fire_hazard'), fund: 29, expect: { refused: { reason: 'fund_exhausted', remaining: 29, amount: 30 } } },
  { name: 'fund empty', c: cat('wish.other'), fund: 0, expect: { refused: { reason: 'fund_exhausted', remaining: 0, amount: 5 } } },
  { name: 'fund short after caps: not capped to the fund', c: cat('tip.case_clue'), requested: 300, fund: 40, expect: { amount: 200, refused: { reason: 'fund_exhausted', remaining: 40, amount: 200 } } },
  // Outcome bonus: a percentage of the original award, floored.
  { name: 'outcome bonus 20 % of 100', c: { kind: 'outcome_bonus', baseAmount: 100 }, expect: { amount: 20, rule: 'outcome_bonus' } },
  { name: 'outcome bonus 20 % of 250', c: { kind: 'outcome_bonus', baseAmount: 250 }, expect: { amount: 50 } },
  { name: 'outcome bonus floors 1.4 to 1', c: { kind: 'outcome_bonus', baseAmount: 7 }, expect: { amount: 1 } },
  { name: 'outcome bonus of 4 is 0: nothing to award', c: { kind: 'outcome_bonus', baseAmount: 4 }, expect: { amount: 0, refused: { reason: 'nothing_to_award' } } },
  { name: 'outcome bonus ignores requested', c: { kind: 'outcome_bonus', baseAmount: 100 }, requested: 90, expect: { amount: 20 } },
  { name: 'outcome bonus 0 %', c: { kind: 'outcome_bonus', baseAmount: 100 }, rules: { outcome_bonus_percent: 0 }, expect: { refused: { reason: 'nothing_to_award' } } },
  // Duplicate confirmation credit.
  { name: 'duplicate confirmation credit', c: { kind: 'duplicate_confirmation' }, expect: { amount: 2, rule: 'duplicate_confirmation' } },
  { name: 'duplicate credit also capped', c: { kind: 'duplicate_confirmation' }, today: 199, expect: { amount: 1, cappedBy: 'day' } },
  // Wish fulfilment 10–100 (default 20) and mediation 20–200 (default 50).
  { name: 'fulfilment default', c: { kind: 'wish_fulfilment' }, expect: { amount: 20, rule: 'wish_fulfilment' } },
  { name: 'fulfilment above max', c: { kind: 'wish_fulfilment' }, requested: 150, expect: { amount: 100, clampedFrom: 150 } },
  { name: 'fulfilment below min', c: { kind: 'wish_fulfilment' }, requested: 5, expect: { amount: 10, clampedFrom: 5 } },
  { name: 'mediation default', c: { kind: 'mediation' }, expect: { amount: 50, rule: 'mediation' } },
  { name: 'mediation above max', c: { kind: 'mediation' }, requested: 250, expect: { amount: 200, clampedFrom: 250, needsSecondApprover: false } },
  { name: 'mediation below min', c: { kind: 'mediation' }, requested: 19, expect: { amount: 20, clampedFrom: 19 } },
  // Patrol: 10/h, ×1.5 from 21:00 to 06:00 local, at most 40 per shift.
  { name: 'patrol 2 h by day', c: patrol('14:00', '16:00'), expect: { amount: 20, rule: 'patrol' } },
  { name: 'patrol 30 min by day', c: patrol('14:00', '14:30'), expect: { amount: 5 } },
  { name: 'patrol 2 h at night', c: patrol('21:00', '23:00'), expect: { amount: 30 } },
  { name: 'patrol across 21:00', c: patrol('20:00', '22:00'), expect: { amount: 25 } },
  { name: 'patrol across 06:00', c: patrol('05:00', '07:00'), expect: { amount: 25 } },
  { name: 'patrol across midnight capped per shift', c: patrol('22:00', '02:00', 1), expect: { amount: 40, cappedBy: 'shift', cappedFrom: 60 } },
  { name: 'patrol ending before it starts', c: patrol('16:00', '14:00'), expect: { refused: { reason: 'bad_shift' } } },
  { name: 'patrol longer than 24 h', c: patrol('10:00', '11:00', 1), expect: { refused: { reason: 'bad_shift' } } },
  { name: 'patrol shift cap then day cap', c: patrol('22:00', '02:00', 1), today: 180, expect: { amount: 20, cappedBy: 'day', cappedFrom: 60 } },
  // Volunteer activity: 10/h, at most 40 per day.
  { name: 'activity 2 h', c: { kind: 'activity', hours: 2 }, expect: { amount: 20, rule: 'volunteer_activity' } },
  { name: 'activity 1.25 h rounds', c: { kind: 'activity', hours: 1.25 }, expect: { amount: 13 } },
  { name: 'activity 5 h capped per day', c: { kind: 'activity', hours: 5 }, expect: { amount: 40, cappedBy: 'activity_day', cappedFrom: 50 } },
  { name: 'activity after 30 today', c: { kind: 'activity', hours: 2 }, activityToday: 30, today: 30, expect: { amount: 10, cappedBy: 'activity_day' } },
  { name: 'activity day cap reached', c: { kind: 'activity', hours: 1 }, activityToday: 40, today: 40, expect: { refused: { reason: 'cap_reached', cap: 'activity_day', limit: 40 } } },
  { name: 'activity then resident day cap', c: { kind: 'activity', hours: 2 }, today: 195, expect: { amount: 5, cappedBy: 'day' } },
  { name: 'activity 0 h', c: { kind: 'activity', hours: 0 }, expect: { refused: { reason: 'bad_hours' } } },
  { name: 'activity negative hours', c: { kind: 'activity', hours: -1 }, expect: { refused: { reason: 'bad_hours' } } },
  { name: 'activity NaN hours', c: { kind: 'activity', hours: Number.NaN }, expect: { refused: { reason: 'bad_hours' } } },
  { name: 'activity 25 h', c: { kind: 'activity', hours: 25 }, expect: { refused: { reason: 'bad_hours' } } },
];

describe('evaluateAward (demo rule set)', () => {
  it.each(cases)('$name', (tc) => {
    const input: EvaluateAwardInput = {
      rules: { ...R, ...tc.rules },
      contribution: tc.c,
      requested: tc.requested,
      totals: { today: tc.today ?? 0, thisMonth: tc.month ?? tc.today ?? 0, activityToday: tc.activityToday ?? 0 },
      fundRemaining: tc.fund ?? 50_000,
    };
    const ev = evaluateAward(input);
    for (const [k, v] of Object.entries(tc.expect)) expect(ev[k as keyof Evaluation], k).toEqual(v);
    // Invariants over every case: never negative, never above a cap, refused means nothing paid unless it's the fund.
    expect(ev.amount).toBeGreaterThanOrEqual(0);
    if (!ev.refused) {
      expect(ev.amount).toBeGreaterThan(0);
      expect(ev.amount).toBeLessThanOrEqual(input.fundRemaining);
      expect(input.totals.today + ev.amount).toBeLessThanOrEqual(R.caps.per_resident_per_day);
    }
  });

  it('covers every category of the demo rule set with its default inside its range', () => {
    for (const c of R.categories) {
      const ev = evaluateAward({ rules: R, contribution: cat(c.key), totals: { today: 0, thisMonth: 0, activityToday: 0 }, fundRemaining: 1e6 });
      expect(ev.amount).toBe(Math.min(c.default, R.caps.per_resident_per_day));
      const hi = evaluateAward({ rules: R, contribution: cat(c.key), requested: c.max + 1, totals: { today: 0, thisMonth: 0, activityToday: 0 }, fundRemaining: 1e6 });
      expect(hi.clampedFrom).toBe(c.max + 1);
      expect(hi.base).toBe(c.max);
      expect(hi.needsSecondApprover).toBe(c.max > R.second_approver_above);
    }
  });
});

describe('nightMs', () => {
  const w = R.patrol.night_multiplier;
  it.each([
    ['14:00', '16:00', 0, 0],
    ['20:30', '21:30', 0, 0.5],
    ['23:00', '01:00', 1, 2],
    ['05:30', '06:30', 0, 0.5],
    ['18:00', '08:00', 1, 9],
  ])('%s → %s (+%i d): %f night hours', (from, to, d, hours) => {
    expect(nightMs(at(from), at(to, d), TZ, w) / 3_600_000).toBeCloseTo(hours, 6);
  });

  it('a window that does not wrap midnight', () => {
    expect(nightMs(at('12:00'), at('15:00'), TZ, { from: '13:00', to: '14:00' }) / 3_600_000).toBe(1);
  });
});
