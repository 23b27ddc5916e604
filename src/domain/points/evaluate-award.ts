// PURE: how many points one contribution earns under a rule set — range clamping, shift/activity/resident caps,
// fund check and the second-approver threshold. No I/O, so every rule is table-tested in test/unit/points-*.test.ts.
import type { RuleSetBody } from '../rules/rule-set-schema';
import { localClock } from './clock';

export type Contribution =
  /** A tip or wish, by its category key (e.g. 'tip.case_clue'): range and default from the category. */
  | { kind: 'category'; categoryKey: string }
  | { kind: 'wish_fulfilment' }
  | { kind: 'mediation' }
  /** The author of a confirmed duplicate gets the fixed confirmation credit. */
  | { kind: 'duplicate_confirmation' }
  /** A percentage of the matter's original award, once it is resolved and rated. */
  | { kind: 'outcome_bonus'; baseAmount: number }
  | { kind: 'patrol'; start: Date; end: Date; timeZone: string }
  | { kind: 'activity'; hours: number };

export interface AwardTotals {
  /** Points the resident was awarded today / this month (local time), reversals excluded. */
  today: number;
  thisMonth: number;
  /** Of today's, the volunteer-activity ones (their own daily cap). */
  activityToday: number;
}

export type CapKind = 'day' | 'month' | 'shift' | 'activity_day';

export type Refusal =
  | { reason: 'unknown_category'; category: string }
  | { reason: 'cap_reached'; cap: Exclude<CapKind, 'shift'>; limit: number }
  | { reason: 'fund_exhausted'; remaining: number; amount: number }
  | { reason: 'nothing_to_award' }
  | { reason: 'bad_hours' }
  | { reason: 'bad_shift' };

export interface EvaluateAwardInput {
  rules: RuleSetBody;
  contribution: Contribution;
  /** Already validated whole number (see amount.ts); only range rules (categories, fulfilment, mediation) use it. */
  requested?: number;
  totals: AwardTotals;
  fundRemaining: number;
}

export interface Evaluation {
  /** What would be paid; 0 when refused. */
  amount: number;
  /** Stored in the transfer's reason: 'category:tip.case_clue', 'wish_fulfilment', 'patrol', … */
  rule: string;
  /** Before the resident's caps: the figure the approver decided, compared with the second-approver threshold. */
  base: number;
  /** The requested amount, when it was outside the rule's range and was clamped. */
  clampedFrom?: number;
  /** The cap that reduced the amount (award up to the cap and say so). */
  cappedBy?: CapKind;
  /** Amount before any cap. */
  cappedFrom?: number;
  needsSecondApprover: boolean;
  refused?: Refusal;
}

const MS_PER_HOUR = 3_600_000;
const DAY_MS = 86_400_000;

export function evaluateAward(input: EvaluateAwardInput): Evaluation {
  const { rules, contribution, totals } = input;
  const base = basePoints(rules, contribution, input.requested);
  if ('refused' in base) return { amount: 0, rule: base.rule, base: 0, needsSecondApprover: false, refused: base.refused };
  const ev: Evaluation = { amount: base.amount, rule: base.rule, base: base.amount, needsSecondApprover: false };
  if (base.clampedFrom !== undefined) ev.clampedFrom = base.clampedFrom;
  if (base.capped) Object.assign(ev, { cappedBy: 'shift', cappedFrom: base.capped });
  // The threshold judges the approver's decision, before caps trim it: a 500-point clue needs two people even
  // if the resident's daily cap then pays only part of it.
  ev.needsSecondApprover = ev.base > rules.second_approver_above;

  const caps: [Exclude<CapKind, 'shift'>, number][] = [
    ['day', rules.caps.per_resident_per_day - totals.today],
    ['month', rules.caps.per_resident_per_month - totals.thisMonth],
  ];
  if (contribution.kind === 'activity') caps.unshift(['activity_day', rules.volunteer_activity.max_per_day - totals.activityToday]);
  for (const [cap, room] of caps) {
    if (room <= 0) {
      const limit = cap === 'day' ? rules.caps.per_resident_per_day : cap === 'month' ? rules.caps.per_resident_per_month : rules.volunteer_activity.max_per_day;
      return { ...ev, amount: 0, refused: { reason: 'cap_reached', cap, limit } };
    }
    if (ev.amount > room) Object.assign(ev, { cappedBy: cap, cappedFrom: ev.cappedFrom ?? ev.amount, amount: room });
  }
  if (ev.amount <= 0) return { ...ev, amount: 0, refused: { reason: 'nothing_to_award' } };
  // Never silently capped by the fund: the approver must see that the budget is short.
  if (ev.amount > input.fundRemaining) {
    return { ...ev, refused: { reason: 'fund_exhausted', remaining: Math.max(0, input.fundRemaining), amount: ev.amount } };
  }
  return ev;
}

type Base = { amount: number; rule: string; clampedFrom?: number; capped?: number } | { rule: string; refused: Refusal };

function basePoints(rules: RuleSetBody, c: Contribution, requested: number | undefined): Base {
  switch (c.kind) {
    case 'category': {
      const cat = rules.categories.find((x) => x.key === c.categoryKey);
      const rule = `category:${c.categoryKey}`;
      if (!cat) return { rule, refused: { reason: 'unknown_category', category: c.categoryKey } };
      return { rule, ...clamp(cat, requested) };
    }
    case 'wish_fulfilment':
      return { rule: 'wish_fulfilment', ...clamp(rules.wish_fulfilment, requested) };
    case 'mediation':
      return { rule: 'mediation', ...clamp(rules.mediation, requested) };
    case 'duplicate_confirmation':
      return { rule: 'duplicate_confirmation', amount: rules.duplicate_confirmation_points };
    case 'outcome_bonus':
      // Floor: a bonus never rounds up past the stated percentage.
      return { rule: 'outcome_bonus', amount: Math.floor((Math.max(0, c.baseAmount) * rules.outcome_bonus_percent) / 100) };
    case 'patrol': {
      const ms = c.end.getTime() - c.start.getTime();
      if (!Number.isFinite(ms) || ms <= 0 || ms > DAY_MS) return { rule: 'patrol', refused: { reason: 'bad_shift' } };
      const night = nightMs(c.start, c.end, c.timeZone, rules.patrol.night_multiplier);
      const hours = (ms - night) / MS_PER_HOUR + (night / MS_PER_HOUR) * rules.patrol.night_multiplier.factor;
      const raw = Math.round(hours * rules.patrol.points_per_hour);
      const max = rules.patrol.max_per_shift;
      return raw > max ? { rule: 'patrol', amount: max, capped: raw } : { rule: 'patrol', amount: raw };
    }
    case 'activity': {
      if (typeof c.hours !== 'number' || !Number.isFinite(c.hours) || c.hours <= 0 || c.hours > 24) {
        return { rule: 'volunteer_activity', refused: { reason: 'bad_hours' } };
      }
      return { rule: 'volunteer_activity', amount: Math.round(c.hours * rules.volunteer_activity.points_per_hour) };
    }
  }
}

function clamp(r: { min: number; max: number; default: number }, requested: number | undefined) {
  if (requested === undefined) return { amount: r.default };
  const amount = Math.min(r.max, Math.max(r.min, requested));
  return amount === requested ? { amount } : { amount, clampedFrom: requested };
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Milliseconds of [start, end) inside the nightly window (local time; 21:00–06:00 wraps midnight). */
export function nightMs(start: Date, end: Date, timeZone: string, window: { from: string; to: string }): number {
  // One offset for the whole shift (≤ 24 h): China has no DST, and elsewhere a shift across a change is off by an hour at most.
  const offset = localClock(start, timeZone).offsetMs;
  const a = start.getTime() + offset;
  const b = end.getTime() + offset;
  const from = minutes(window.from) * 60_000;
  const to = minutes(window.to) * 60_000;
  if (from === to) return 0;
  let total = 0;
  for (let day = Math.floor(a / DAY_MS) * DAY_MS - DAY_MS; day <= b; day += DAY_MS) {
    const s = day + from;
    const e = from < to ? day + to : day + DAY_MS + to;
    total += Math.max(0, Math.min(b, e) - Math.max(a, s));
  }
  return total;
}
