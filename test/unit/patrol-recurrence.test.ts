// Shift recurrence in Asia/Shanghai (UTC+8, no DST): month ends, chosen weekdays, a date range, shifts across midnight.
import { describe, expect, it } from 'vitest';
import { durationMinutes, fromRrule, occurrences, toRrule } from '../../src/domain/patrols/recurrence';
import { parseTemplateForm } from '../../src/domain/patrols/template-form';
import { AppError } from '../../src/domain/errors';

const TZ = 'Asia/Shanghai';
const iso = (d: Date) => d.toISOString();

describe('shift recurrence', () => {
  const nightly = { rrule: toRrule({ freq: 'daily' }), startTime: '19:00', endTime: '22:00', crossesMidnight: false, validFrom: '2026-01-01', validUntil: null };

  it('a daily 19:00–22:00 shift runs every local day across a month end (31 Jan → 1 Feb) and a year end', () => {
    const jan = occurrences(nightly, new Date('2026-01-30T00:00:00Z'), new Date('2026-02-02T00:00:00Z'), TZ);
    expect(jan.map((o) => o.day)).toEqual(['2026-01-30', '2026-01-31', '2026-02-01']);
    expect(iso(jan[1].startsAt)).toBe('2026-01-31T11:00:00.000Z');
    expect(iso(jan[1].endsAt)).toBe('2026-01-31T14:00:00.000Z');
    const feb = occurrences(nightly, new Date('2028-02-28T00:00:00Z'), new Date('2028-03-02T00:00:00Z'), TZ);
    expect(feb.map((o) => o.day)).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
    const nye = occurrences(nightly, new Date('2026-12-31T00:00:00Z'), new Date('2027-01-02T00:00:00Z'), TZ);
    expect(nye.map((o) => o.day)).toEqual(['2026-12-31', '2027-01-01']);
  });

  it('a 22:00–02:00 shift crosses midnight: it ends at 02:00 local on the next day, 4 hours later', () => {
    const late = { ...nightly, startTime: '22:00', endTime: '02:00', crossesMidnight: true };
    expect(durationMinutes(late)).toBe(240);
    const [o] = occurrences(late, new Date('2026-03-31T00:00:00Z'), new Date('2026-04-01T00:00:00Z'), TZ);
    expect(o.day).toBe('2026-03-31');
    expect(iso(o.startsAt)).toBe('2026-03-31T14:00:00.000Z'); // 22:00 on 31 March local
    expect(iso(o.endsAt)).toBe('2026-03-31T18:00:00.000Z'); // 02:00 on 1 April local
  });

  it('a shift starting just after local midnight belongs to that local day, which is the previous UTC day', () => {
    const early = { ...nightly, startTime: '00:30', endTime: '04:30' };
    const [o] = occurrences(early, new Date('2026-05-31T12:00:00Z'), new Date('2026-06-01T12:00:00Z'), TZ);
    expect(o.day).toBe('2026-06-01');
    expect(iso(o.startsAt)).toBe('2026-05-31T16:30:00.000Z');
  });

  it('weekly on chosen days, bounded by a date range (inclusive last day)', () => {
    const sat = { ...nightly, rrule: toRrule({ freq: 'weekly', byday: ['TU', 'SA'] }), startTime: '09:00', endTime: '11:00', validFrom: '2026-11-01', validUntil: '2026-11-21' };
    const all = occurrences(sat, new Date('2026-10-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'), TZ);
    expect(all.map((o) => o.day)).toEqual(['2026-11-03', '2026-11-07', '2026-11-10', '2026-11-14', '2026-11-17', '2026-11-21']);
    expect(fromRrule(sat.rrule)).toEqual({ freq: 'weekly', byday: ['TU', 'SA'] });
    expect(fromRrule(nightly.rrule)).toEqual({ freq: 'daily' });
  });

  it('nothing before validFrom; the window filter is on real instants', () => {
    const from = occurrences({ ...nightly, validFrom: '2026-02-10' }, new Date('2026-02-01T00:00:00Z'), new Date('2026-02-12T00:00:00Z'), TZ);
    expect(from.map((o) => o.day)).toEqual(['2026-02-10', '2026-02-11']);
  });
});

describe('shift template form', () => {
  const base = { teamId: '1', title: '夜巡', freq: 'daily', startTime: '22:00', endTime: '02:00', validFrom: '2026-12-01', capacity: '4' };
  const fieldOf = (form: Record<string, string>) => {
    try {
      parseTemplateForm(form);
      return null;
    } catch (err) {
      return Object.keys((err as AppError).fields)[0];
    }
  };

  it('an end before the start without "ends next day" is refused on the end field; with it, it is a midnight shift', () => {
    expect(fieldOf(base)).toBe('endTime');
    expect(parseTemplateForm({ ...base, crossesMidnight: 'on' })).toMatchObject({ crossesMidnight: true, startTime: '22:00', endTime: '02:00' });
    expect(fieldOf({ ...base, endTime: '23:00', crossesMidnight: 'on' })).toBe('endTime');
  });

  it('weekly needs a day; bad times, dates, capacity are refused by field', () => {
    expect(fieldOf({ ...base, endTime: '23:00', freq: 'weekly' })).toBe('freq');
    expect(parseTemplateForm({ ...base, endTime: '23:00', freq: 'weekly', day_SA: 'on' }).rrule).toContain('BYDAY=SA');
    expect(fieldOf({ ...base, startTime: '25:00' })).toBe('startTime');
    expect(fieldOf({ ...base, endTime: '23:00', validFrom: '2026-02-30' })).toBe('validFrom');
    expect(fieldOf({ ...base, endTime: '23:00', validUntil: '2026-11-01' })).toBe('validUntil');
    expect(fieldOf({ ...base, endTime: '23:00', capacity: '0' })).toBe('capacity');
  });

  it('route order comes from the position numbers; the minimum cannot exceed the route', () => {
    const v = parseTemplateForm({ ...base, endTime: '23:00', pos_7: '2', pos_3: '1', pos_9: '', pos_5: '3', minCheckpoints: '2' });
    expect(v.route).toEqual([3, 7, 5]);
    expect(v.minCheckpoints).toBe(2);
    expect(fieldOf({ ...base, endTime: '23:00', pos_7: '1', minCheckpoints: '2' })).toBe('minCheckpoints');
  });
});
