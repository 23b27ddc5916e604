// buildRegistry: the app's own jobs load, and a broken declaration fails boot with a message naming the job.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { defineJob, type JobDef } from '../../src/jobs/define';
import { buildRegistry, JOBS } from '../../src/jobs/registry';

const job = (over: Partial<JobDef> = {}): JobDef =>
  defineJob({ name: 'test.ok', payload: z.object({}), attempts: 1, backoffMs: 100, handler: async () => null, ...over }) as JobDef;

describe('buildRegistry', () => {
  it('loads every declared job, with its retry policy, and scheduled jobs accept an empty payload', () => {
    const registry = buildRegistry();
    expect([...registry.keys()].sort()).toEqual(JOBS.map((j) => j.name).sort());
    expect(registry.get('diagnostics.echo')).toMatchObject({ attempts: 3 });
    for (const def of registry.values()) {
      expect(def.attempts).toBeGreaterThanOrEqual(1);
      if (def.every) expect(def.payload.safeParse({}).success).toBe(true);
    }
  });

  it('fails on a name declared twice', () => {
    expect(() => buildRegistry([job({ name: 'a.b' }), job({ name: 'a.b' })])).toThrow(/"a\.b" declared twice/);
  });

  it.each(['echo', 'Diagnostics.echo', 'diagnostics.', '.echo', 'diagnostics echo', 'diag.echo_now', 'a.b1', ''])('fails on the bad name %j', (name) => {
    expect(() => buildRegistry([job({ name })])).toThrow(/bad name/);
  });

  it('accepts dotted lower-case names with dashes', () => {
    expect(buildRegistry([job({ name: 'outbox.sweep' }), job({ name: 'points.expire-holds' }), job({ name: 'a.b.c' })]).size).toBe(3);
  });

  it('fails on a scheduled job whose payload has required fields', () => {
    const def = job({ name: 'reports.nightly', every: 60_000, payload: z.object({ communityId: z.number() }) });
    expect(() => buildRegistry([def])).toThrow(/scheduled "reports\.nightly" must accept an empty payload/);
  });

  it('accepts a scheduled job whose payload fields all have defaults', () => {
    const def = job({ name: 'reports.nightly', every: 60_000, payload: z.object({ limit: z.number().default(10) }) });
    expect(buildRegistry([def]).get('reports.nightly')?.every).toBe(60_000);
  });

  it('fails on a missing handler or attempts below 1', () => {
    expect(() => buildRegistry([job({ handler: undefined as never })])).toThrow(/has no handler/);
    expect(() => buildRegistry([job({ attempts: 0 })])).toThrow(/attempts >= 1/);
    expect(() => buildRegistry([job({ attempts: Number.NaN })])).toThrow(/attempts >= 1/);
  });
});
