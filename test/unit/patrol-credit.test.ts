// Credit for time really served: clipped to the window, late check-in, early / no check-out, the night multiplier and
// the per-shift cap (the ledger's own pure evaluator), and the check-in flags.
import { describe, expect, it } from 'vitest';
import { evaluateAward } from '../../src/domain/points/evaluate-award';
import { checkInFlags, distanceM, parseLocation } from '../../src/domain/patrols/check-in-flags';
import { servedTime } from '../../src/domain/patrols/served-time';
import { demoRules } from '../helpers/points';

const at = (local: string) => new Date(`${local}+08:00`);
const shift = { startsAt: at('2026-12-02T19:00:00'), endsAt: at('2026-12-02T22:00:00') };
const totals = { today: 0, thisMonth: 0, activityToday: 0 };

function points(start: Date, end: Date, patch: (r: ReturnType<typeof demoRules>) => void = () => {}) {
  const rules = demoRules();
  patch(rules);
  return evaluateAward({ rules, contribution: { kind: 'patrol', start, end, timeZone: 'Asia/Shanghai' }, totals, fundRemaining: 1e9 });
}

describe('served time', () => {
  it('check-in before the start and check-out after the end count only the window', () => {
    const s = servedTime({ ...shift, checkedInAt: at('2026-12-02T18:50:00'), checkedOutAt: at('2026-12-02T22:10:00'), lastScanAt: null });
    expect(s?.minutes).toBe(180);
    expect(s?.start).toEqual(shift.startsAt);
    expect(s?.end).toEqual(shift.endsAt);
  });

  it('a late check-in counts from the check-in; an early check-out up to the check-out', () => {
    expect(servedTime({ ...shift, checkedInAt: at('2026-12-02T19:40:00'), checkedOutAt: at('2026-12-02T22:00:00'), lastScanAt: null })?.minutes).toBe(140);
    expect(servedTime({ ...shift, checkedInAt: at('2026-12-02T19:00:00'), checkedOutAt: at('2026-12-02T20:15:30'), lastScanAt: null })?.minutes).toBe(75);
  });

  it('no check-out: only up to the last scan; no scan after the check-in: nothing; no check-in: nothing', () => {
    expect(servedTime({ ...shift, checkedInAt: at('2026-12-02T19:05:00'), checkedOutAt: null, lastScanAt: at('2026-12-02T20:35:00') })?.minutes).toBe(90);
    expect(servedTime({ ...shift, checkedInAt: at('2026-12-02T19:05:00'), checkedOutAt: null, lastScanAt: at('2026-12-02T19:05:00') })).toBeNull();
    expect(servedTime({ ...shift, checkedInAt: null, checkedOutAt: null, lastScanAt: null })).toBeNull();
  });
});

describe('patrol points (rule set: 10/h, ×1.5 from 21:00 to 06:00, at most 40 per shift)', () => {
  it('19:00–21:00 is two day hours: 20 points', () => {
    expect(points(at('2026-12-02T19:00:00'), at('2026-12-02T21:00:00')).amount).toBe(20);
  });

  it('the hour after 21:00 counts 1.5: 19:00–22:00 is 2 + 1.5 hours = 35 points', () => {
    expect(points(shift.startsAt, shift.endsAt)).toMatchObject({ amount: 35, rule: 'patrol' });
  });

  it('a late check-in at 20:30 until 22:00 earns 0.5 + 1.5 = 20 points', () => {
    const s = servedTime({ ...shift, checkedInAt: at('2026-12-02T20:30:00'), checkedOutAt: at('2026-12-02T23:00:00'), lastScanAt: null })!;
    expect(points(s.start, s.end).amount).toBe(20);
  });

  it('22:00–02:00 across midnight is all night time: 4 × 15 = 60, capped at 40 per shift and says so', () => {
    const e = points(at('2026-12-02T22:00:00'), at('2026-12-03T02:00:00'));
    expect(e).toMatchObject({ amount: 40, cappedBy: 'shift', cappedFrom: 60 });
  });

  it('without a cap in the way the multiplier shows in full', () => {
    expect(points(at('2026-12-02T22:00:00'), at('2026-12-03T02:00:00'), (r) => (r.patrol.max_per_shift = 1000)).amount).toBe(60);
  });
});

describe('check-in flags (flag, never block)', () => {
  const cp = { lat: 30.6667, lng: 104.0167, radiusM: 150 };
  const t0 = new Date('2026-12-02T11:10:00Z');

  it('far from the checkpoint or no location → flagged; near → clean; no coordinates on the place → nothing to check', () => {
    expect(checkInFlags({ checkpoint: cp, reported: { lat: 30.6668, lng: 104.0168 }, previous: null, at: t0, deviceShared: false })).toEqual([]);
    expect(checkInFlags({ checkpoint: cp, reported: { lat: 30.68, lng: 104.0167 }, previous: null, at: t0, deviceShared: false })).toEqual(['far']);
    expect(checkInFlags({ checkpoint: cp, reported: null, previous: null, at: t0, deviceShared: false })).toEqual(['no_location']);
    expect(checkInFlags({ checkpoint: null, reported: null, previous: null, at: t0, deviceShared: false })).toEqual([]);
  });

  it('1.5 km in one minute is impossible on foot; in 20 minutes it is fine; a shared device is flagged', () => {
    const far = { lat: cp.lat + 0.0135, lng: cp.lng };
    expect(Math.round(distanceM(far, cp))).toBeGreaterThan(1400);
    const near = { lat: cp.lat, lng: cp.lng };
    expect(checkInFlags({ checkpoint: cp, reported: near, previous: { at: new Date(t0.getTime() - 60_000), place: far }, at: t0, deviceShared: false })).toEqual(['too_fast']);
    expect(checkInFlags({ checkpoint: cp, reported: near, previous: { at: new Date(t0.getTime() - 1_200_000), place: far }, at: t0, deviceShared: false })).toEqual([]);
    expect(checkInFlags({ checkpoint: null, reported: null, previous: null, at: t0, deviceShared: true })).toEqual(['shared_device']);
  });

  it('browser coordinates: both in range or none', () => {
    expect(parseLocation('30.1', '104.2')).toEqual({ lat: 30.1, lng: 104.2 });
    expect(parseLocation('', '104.2')).toBeNull();
    expect(parseLocation('91', '104')).toBeNull();
    expect(parseLocation('abc', '1')).toBeNull();
  });
});
