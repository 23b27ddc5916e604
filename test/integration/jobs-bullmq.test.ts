// The BullMQ runtime in this process: the outbox sweeper re-enqueues what Redis never got or lost, retries, final failure.
import { eq, sql } from 'drizzle-orm';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobOutbox } from '../../src/db/schema';
import { createMetrics } from '../../src/infra/metrics';
import { createBullmqRuntime } from '../../src/jobs/bullmq-runtime';
import { defineJob, type JobDef } from '../../src/jobs/define';
import { recordJob } from '../../src/infra/jobs/record-job';
import { buildRegistry, JOBS } from '../../src/jobs/registry';
import type { JobRuntime } from '../../src/jobs/runtime';
import { createLogger } from '../../src/logger';
import { flushPrefix, testRedisUrl, uniquePrefix, useTestDatabase } from '../helpers/db';
import { pollUntil } from '../helpers/processes';

const tdb = useTestDatabase();
const prefix = uniquePrefix('jobs-bullmq');
const url = () => new URL(testRedisUrl());
const connection = () => ({ host: url().hostname, port: Number(url().port || 6379) });

let failures = 0;
const alwaysFails = defineJob({
  name: 'test.always-fails',
  payload: z.object({}),
  attempts: 2,
  backoffMs: 50,
  async handler() {
    failures += 1;
    throw new Error(`boom ${failures}`);
  },
});

let runtime: JobRuntime;
let queue: Queue;
let redis: Redis;
const metrics = createMetrics();

beforeAll(() => {
  const registry = buildRegistry([...(JOBS as unknown as JobDef[]), alwaysFails as unknown as JobDef]);
  runtime = createBullmqRuntime({ db: tdb.db, logger: createLogger('silent'), metrics, registry }, { connection: connection(), prefix, concurrency: 2, lockDurationMs: 5000 });
  queue = new Queue('main', { connection: connection(), prefix });
  redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  await runtime?.close(2000);
  await queue?.close();
  await flushPrefix(redis, prefix);
  redis.disconnect();
});

const row = async (id: number) => (await tdb.db.select().from(jobOutbox).where(eq(jobOutbox.id, id)))[0];
const backdate = (id: number, column: 'created_at' | 'enqueued_at', seconds: number) =>
  tdb.db.execute(sql`update job_outbox set ${sql.identifier(column)} = now() - make_interval(secs => ${seconds}) where id = ${id}`);
const waitStatus = (id: number, status: 'done' | 'failed', ms = 10_000) =>
  pollUntil(`row ${id} ${status}`, async () => {
    const r = await row(id);
    return r.status === status && r;
  }, ms);

describe('outbox sweeper (BullMQ runtime)', () => {
  it('re-enqueues a row that never reached Redis and one whose queue keys were lost; leaves fresh rows alone', async () => {
    // Committed while Redis was down: recorded, never dispatched.
    const neverSent = await recordJob(tdb.db, 'diagnostics.echo', { message: 'never sent' });
    await backdate(neverSent, 'created_at', 30);
    // Dispatched, then Redis lost everything (a flush, a failover without persistence).
    const lost = await recordJob(tdb.db, 'diagnostics.echo', { message: 'lost' });
    await runtime.dispatch([lost]);
    expect((await row(lost)).enqueuedAt).not.toBeNull();
    expect(await queue.getJob(`ob-${lost}`)).toBeTruthy();
    await queue.obliterate({ force: true });
    expect(await queue.getJob(`ob-${lost}`)).toBeUndefined();
    await backdate(lost, 'enqueued_at', 120);
    // Just committed: its own dispatch may still be on the way, so the sweeper must not touch it yet.
    const fresh = await recordJob(tdb.db, 'diagnostics.echo', { message: 'fresh' });

    expect(await runtime.redispatchLost(100)).toBe(2);
    expect(await queue.getJob(`ob-${neverSent}`)).toBeTruthy();
    expect(await queue.getJob(`ob-${lost}`)).toBeTruthy();
    expect(await queue.getJob(`ob-${fresh}`)).toBeUndefined();
    expect((await row(fresh)).enqueuedAt).toBeNull();

    await runtime.startWorkers();
    for (const id of [neverSent, lost]) expect((await waitStatus(id, 'done')).result).toMatchObject({ completions: 1 });
  });

  it('does not run again a job Redis already completed; marks the row done instead', async () => {
    const id = await recordJob(tdb.db, 'diagnostics.echo', { message: 'twice?' });
    await runtime.dispatch([id]);
    await waitStatus(id, 'done');
    // The worker's own "done" write was lost (say, the database failed over just then): Postgres says pending.
    await tdb.db.execute(sql`update job_outbox set status = 'pending', completed_at = null, enqueued_at = now() - interval '2 minutes' where id = ${id}`);
    expect(await runtime.redispatchLost(100)).toBe(0);
    expect(await row(id)).toMatchObject({ status: 'done', result: { completions: 1 } });
  });

  it('the outbox.sweep job, run by a worker, re-dispatches what was lost', async () => {
    const lost = await recordJob(tdb.db, 'diagnostics.echo', { message: 'swept by the job' });
    await backdate(lost, 'created_at', 30);
    const sweep = await recordJob(tdb.db, 'outbox.sweep', {});
    await runtime.dispatch([sweep]);
    await waitStatus(sweep, 'done');
    expect((await waitStatus(lost, 'done')).result).toMatchObject({ completions: 1 });
  });

  it('a redelivered job whose row is already done is skipped', async () => {
    const id = await recordJob(tdb.db, 'diagnostics.echo', { message: 'once' });
    await runtime.dispatch([id]);
    await waitStatus(id, 'done');
    // Same outbox row, new queue job (as after a lost acknowledgement): the handler must not run a second time.
    await queue.add('diagnostics.echo', { outboxId: id, payload: { message: 'once', delayMs: 0 } }, { jobId: `again-${id}` });
    const again = await pollUntil('the redelivery to finish', async () => {
      const j = await queue.getJob(`again-${id}`);
      return j && (await j.getState()) === 'completed' && j;
    }, 10_000);
    expect(again.returnvalue).toEqual({ skipped: 'not pending' });
    expect((await row(id)).result).toMatchObject({ completions: 1 });
  });

  it('retries a failing job with backoff, then marks the row failed', async () => {
    failures = 0;
    const [{ id }] = await tdb.db.insert(jobOutbox).values({ name: 'test.always-fails', payload: {} }).returning({ id: jobOutbox.id });
    await runtime.dispatch([id]);
    const failed = await waitStatus(id, 'failed');
    expect(failures).toBe(2);
    expect(failed.lastError).toBe('boom 2');
    expect(failed.attempts).toBe(2);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/anlin_jobs_failed_total\{name="test.always-fails",final="false"\} 1/);
    expect(text).toMatch(/anlin_jobs_failed_total\{name="test.always-fails",final="true"\} 1/);
    expect(text).toMatch(/anlin_jobs_completed_total\{name="diagnostics.echo"\} [1-9]/);
  });
});
