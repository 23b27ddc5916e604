// Pure reading and checking of the report form against the demo rule set: kinds, categories, places, contact, location.
import { describe, expect, it } from 'vitest';
import { loadDemoFixture } from '../../src/cli/seed-data/demo';
import { ruleSetBodySchema } from '../../src/domain/rules/rule-set-schema';
import { checkReport, readReportValues } from '../../src/domain/submissions/report-form';
import { yearIn } from '../../src/domain/submissions/submit-report';

const rules = ruleSetBodySchema.parse(loadDemoFixture().incentive_rules);
const ctx = { categories: rules.categories, placeIds: new Set([11, 12]) };
const form = (over: Record<string, string> = {}) =>
  readReportValues({ kind: 'tip', category: 'tip.fire_hazard', description: '楼道里堆了很多纸箱', place: '11', contact: 'in_app', lat: '', lng: '', ...over }, { place: '11' });
const errors = (over: Record<string, string>) => {
  const r = checkReport(form(over), ctx);
  return r.ok ? {} : Object.fromEntries(Object.entries(r.fields).map(([k, m]) => [k, m.key]));
};

describe('readReportValues', () => {
  it('defaults: kind from the link, place from the QR code, in-app contact, boxes unticked', () => {
    expect(readReportValues({}, { kind: 'wish', place: '7' })).toMatchObject({ kind: 'wish', place: '7', contact: 'in_app', anonymous: false, publicWish: false, badKind: false });
    expect(readReportValues({}, { kind: 'junk', place: '' }).kind).toBe('tip');
    expect(readReportValues({ kind: '1 OR 1=1' }, { place: '' }).badKind).toBe(true);
  });
});

describe('checkReport', () => {
  it('accepts a complete tip and carries the category (with its police flag)', () => {
    const r = checkReport(form({ category: 'tip.case_clue', anonymous: 'on', contact: 'sms', lat: '30.66', lng: '104.02' }), ctx);
    expect(r.ok && r.data).toMatchObject({ kind: 'tip', placeId: 11, anonymous: true, contactPref: 'sms', latitude: 30.66, longitude: 104.02, publicWish: false });
    expect(r.ok && r.data.category.police).toBe(true);
  });

  it('refuses a category of the other kind or outside the rule set, and a bad kind', () => {
    expect(errors({ category: 'wish.other' })).toEqual({ category: 'report.err.categoryKind' });
    expect(errors({ category: 'tip.nope' })).toEqual({ category: 'report.err.category' });
    expect(errors({ category: '' })).toEqual({ category: 'report.err.category' });
    expect(errors({ kind: 'both' })).toMatchObject({ kind: 'report.err.kind' });
  });

  it('takes only places of the community; empty means no particular place', () => {
    expect(errors({ place: '99' })).toEqual({ place: 'report.err.place' });
    expect(errors({ place: '1 OR 1=1' })).toEqual({ place: 'report.err.place' });
    expect(errors({ place: '-1' })).toEqual({ place: 'report.err.place' });
    const none = checkReport(form({ place: '' }), ctx);
    expect(none.ok && none.data.placeId).toBeNull();
  });

  it('refuses phone contact for an anonymous item, and unknown contact values', () => {
    expect(errors({ anonymous: 'on', contact: 'phone' })).toEqual({ contact: 'report.err.anonPhone' });
    expect(errors({ contact: 'fax' })).toEqual({ contact: 'report.err.contact' });
    expect(errors({ contact: 'phone' })).toEqual({});
  });

  it('needs both coordinates, in range, or neither', () => {
    for (const [lat, lng] of [['30', ''], ['91', '10'], ['10', '181'], ['NaN', '1'], ['1e3', '1'], ['30.1.2', '1']]) {
      expect(errors({ lat, lng }), `${lat},${lng}`).toEqual({ location: 'report.err.location' });
    }
    expect(errors({ lat: '-33.8688', lng: '151.2093' })).toEqual({});
  });

  it('makes only wishes public on the wall', () => {
    const tip = checkReport(form({ publicWish: 'on' }), ctx);
    expect(tip.ok && tip.data.publicWish).toBe(false);
    const wish = checkReport(form({ kind: 'wish', category: 'wish.elderly_care', publicWish: 'on' }), ctx);
    expect(wish.ok && wish.data.publicWish).toBe(true);
  });
});

describe('yearIn', () => {
  it('uses the display zone: 00:30 on 1 January in Shanghai is already the new year', () => {
    expect(yearIn(new Date('2026-12-31T16:30:00Z'), 'Asia/Shanghai')).toBe(2027);
    expect(yearIn(new Date('2026-12-31T15:30:00Z'), 'Asia/Shanghai')).toBe(2026);
  });
});
