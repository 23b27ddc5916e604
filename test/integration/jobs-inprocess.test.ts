// The in-process runtime (no Redis): the outbox table is the queue; retries with backoff, final failure, web-only role.
import { eq } from 'drizzle-orm';
import { UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config';
import { jobOutbox } from '../../src/db/schema';
import { createMetrics } from '../../src/infra/metrics';
import { connectRedis } from '../../src/infra/redis';
import { defineJob, type JobDef } from '../../src/jobs/define';
import { createInprocessRuntime } from '../../src/jobs/inprocess-runtime';
import { recordJob } from '../../src/infra/jobs/record-job';
import { buildRegistry, JOBS } from '../../src/jobs/registry';
import type { JobRuntime } from '../../src/jobs/runtime';
import { createLogger } from '../../src/logger';
import { useTestDatabase } from '../helpers/db';
import { pollUntil, sleep } from '../helpers/processes';

const tdb = useTestDatabase();
const calls = new Map<string, number[]>();
const note = (name: string) => calls.set(name, [...(calls.get(name) ?? []), Date.now()]);

const testJobs = [
  defineJob({
    name: 'test.broken',
    payload: z.object({}),
    attempts: 3,
    backoffMs: 150,
    async handler() {
      note('broken');
      throw new Error(`broken #${calls.get('broken')!.length}`);
    },
  }),
  defineJob({
    name: 'test.flaky',
    payload: z.object({}),
    attempts: 3,
    backoffMs: 50,
    async handler() {
      note('flaky');
      if (calls.get('flaky')!.length === 1) throw new Error('first try fails');
      return 'ok';
    },
  }),
  defineJob({
    name: 'test.hopeless',
    payload: z.object({}),
    attempts: 5,
    backoffMs: 50,
    async handler() {
      note('hopeless');
      throw new UnrecoverableError('no point retrying');
    },
  }),
];

const deps = () => ({
  db: tdb.db,
  logger: createLogger('silent'),
  metrics: createMetrics(),
  registry: buildRegistry([...(JOBS as unknown as JobDef[]), ...(testJobs as unknown as JobDef[])]),
});
let runtime: JobRuntime;
beforeAll(() => {
  runtime = createInprocessRuntime(deps(), { pollMs: 50 });
});
afterAll(async () => {
  await runtime?.close(2000);
});

const row = async (id: number) => (await tdb.db.select().from(jobOutbox).where(eq(jobOutbox.id, id)))[0];
const insert = async (name: string) =>
  (await tdb.db.insert(jobOutbox).values({ name, payload: {} }).returning({ id: jobOutbox.id }))[0].id;
const waitStatus = (id: number, status: 'done' | 'failed', ms = 10_000) =>
  pollUntil(`row ${id} ${status}`, async () => {
    const r = await row(id);
    return r.status === status && r;
  }, ms, 25);

describe('without Redis', () => {
  it('connectRedis gives none when NO_LOCAL_REDIS=1 and no REDIS_URL', async () => {
    const config = parseConfig({ DATABASE_URL: tdb.url, NO_LOCAL_REDIS: '1' });
    expect(await connectRedis(config, createLogger('silent'))).toBeNull();
  });
});

describe('in-process runtime', () => {
  it('a process that runs no workers (--web) does not run jobs on dispatch', async () => {
    const web = createInprocessRuntime(deps(), { pollMs: 50 });
    const id = await recordJob(tdb.db, 'diagnostics.echo', { message: 'web only' });
    await web.dispatch([id]);
    await sleep(300);
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 0 });
    await web.close(500);
  });

  it('runs outbox jobs, including rows recorded before it started', async () => {
    const before = await recordJob(tdb.db, 'diagnostics.echo', { message: 'earlier' });
    await runtime.startWorkers();
    const after = await recordJob(tdb.db, 'diagnostics.echo', { message: 'later' });
    await runtime.dispatch([after]);
    for (const id of [before, after]) expect((await waitStatus(id, 'done')).result).toMatchObject({ completions: 1 });
    expect(await runtime.counts()).toMatchObject({ waiting: 0, failed: 0 });
  });

  it('retries a failing job with growing backoff and marks it failed after its attempts', async () => {
    const id = await insert('test.broken');
    await runtime.dispatch([id]);
    const failed = await waitStatus(id, 'failed');
    expect(failed).toMatchObject({ attempts: 3, lastError: 'broken #3' });
    const [t1, t2, t3] = calls.get('broken')!;
    expect(calls.get('broken')).toHaveLength(3);
    // backoffMs 150, doubling: >= 150 ms, then >= 300 ms (timestamps in ms; database and JS clocks agree to a few ms).
    expect(t2 - t1).toBeGreaterThanOrEqual(140);
    expect(t3 - t2).toBeGreaterThanOrEqual(290);
    await sleep(400);
    expect(calls.get('broken')).toHaveLength(3);
    expect((await runtime.counts()).failed).toBeGreaterThanOrEqual(1);
  });

  it('a job that fails once and then succeeds is done after two attempts', async () => {
    const id = await insert('test.flaky');
    await runtime.dispatch([id]);
    expect(await waitStatus(id, 'done')).toMatchObject({ attempts: 2, lastError: null });
  });

  it('an UnrecoverableError fails the job at once', async () => {
    const id = await insert('test.hopeless');
    await runtime.dispatch([id]);
    expect(await waitStatus(id, 'failed')).toMatchObject({ attempts: 1, lastError: 'no point retrying' });
    await sleep(200);
    expect(calls.get('hopeless')).toHaveLength(1);
  });
});
