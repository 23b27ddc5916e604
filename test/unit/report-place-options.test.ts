// Pure: place options read like addresses, sort the way people count, and inherit the nearest grid.
import { describe, expect, it } from 'vitest';
import { placeOptions } from '../../src/domain/submissions/place-options';
import { oneAtATime } from '../../src/domain/submissions/one-at-a-time';

describe('placeOptions', () => {
  it('labels by path, sorts 2栋 before 10栋, and gives units their building’s grid', () => {
    const opts = placeOptions([
      { id: 1, parentId: null, name: '清波小区', gridId: null },
      { id: 3, parentId: 1, name: '10栋', gridId: 7 },
      { id: 2, parentId: 1, name: '2栋', gridId: 5 },
      { id: 4, parentId: 2, name: '1单元', gridId: null },
    ]);
    expect(opts.map((o) => o.label)).toEqual(['清波小区', '清波小区 › 2栋', '清波小区 › 2栋 › 1单元', '清波小区 › 10栋']);
    expect(opts.find((o) => o.id === 4)?.gridId).toBe(5);
    expect(opts.find((o) => o.id === 1)?.gridId).toBeNull();
  });

  it('survives a cycle in bad data', () => {
    const opts = placeOptions([
      { id: 1, parentId: 2, name: 'A', gridId: null },
      { id: 2, parentId: 1, name: 'B', gridId: null },
    ]);
    expect(opts).toHaveLength(2);
  });
});

describe('oneAtATime', () => {
  it('runs work for one key in turn and keeps other keys parallel; a failure does not block the next', async () => {
    const log: string[] = [];
    const step = (name: string, ms: number, fail = false) => async () => {
      log.push(`${name}+`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`${name}-`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([oneAtATime('k', step('a', 30, true)), oneAtATime('k', step('b', 5)), oneAtATime('other', step('c', 5))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(log.indexOf('b+')).toBeGreaterThan(log.indexOf('a-'));
    expect(log.indexOf('c+')).toBeLessThan(log.indexOf('a-'));
  });
});
