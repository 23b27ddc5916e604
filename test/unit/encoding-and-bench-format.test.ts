// Content-Encoding negotiation for what the app compresses itself, and the one bench line format.
import { describe, expect, it } from 'vitest';
import { pickEncoding } from '../../src/routes/encoding';
import { result } from '../bench/format';

describe('pickEncoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate, br', 'br'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['BR;Q=0.0, GZIP;q=0.5', 'gzip'],
    ['gzip;q=0', 'identity'],
    ['deflate', 'identity'],
  ] as const)('%j → %s', (header, want) => {
    expect(pickEncoding(header)).toBe(want);
  });
});

describe('bench result line', () => {
  it('has exactly the agreed keys (plus detail), the ratio computed from value and baseline', () => {
    const r = result({ scenario: 'x', value: 50, unit: 'req/s', baseline: 200, target: 'ratio>=0.5', ok: false });
    expect(Object.keys(r)).toEqual(['scenario', 'value', 'unit', 'baseline', 'ratio', 'target', 'ok', 'detail']);
    expect(r.ratio).toBe(0.25);
    expect(typeof r.detail?.load1).toBe('number');
    expect(result({ scenario: 'y', value: null, unit: 'ms', baseline: null, target: 't', ok: null }).ratio).toBeNull();
  });
});

describe('the SLA sweep and its partial index', () => {
  it('the index predicate is the sweep query predicate (FINAL_STATUSES, TOP_TIER)', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    // Whichever migration creates it (numbers change when branches merge).
    const dir = new URL('../../drizzle/', import.meta.url);
    const migration = readdirSync(dir).filter((f) => f.endsWith('.sql')).map((f) => readFileSync(new URL(f, dir), 'utf8')).find((t) => t.includes('CREATE INDEX "submissions_sla_sweep"')) ?? '';
    const { FINAL_STATUSES } = await import('../../src/domain/submissions/status');
    const { TOP_TIER } = await import('../../src/domain/console/escalate-item');
    expect(migration).toContain(`WHERE "submissions"."status" not in (${FINAL_STATUSES.map((s) => `'${s}'`).join(', ')}) and "submissions"."tier" < ${TOP_TIER}`);
  });
});
