// Real `--worker` processes dying or shutting down mid-job: the job is retried elsewhere and takes effect once.
import { hostname } from 'node:os';
import { eq } from 'drizzle-orm';
import { Queue, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { jobOutbox } from '../../src/db/schema';
import { createMetrics } from '../../src/infra/metrics';
import { createBullmqRuntime } from '../../src/jobs/bullmq-runtime';
import { recordJob } from '../../src/infra/jobs/record-job';
import { buildRegistry } from '../../src/jobs/registry';
import type { JobRuntime } from '../../src/jobs/runtime';
import { createLogger } from '../../src/logger';
import { flushPrefix, testRedisUrl, uniquePrefix, useTestDatabase } from '../helpers/db';
import { pollUntil, spawnApp, type AppProcess } from '../helpers/processes';

vi.setConfig({ testTimeout: 40_000 });

const tdb = useTestDatabase();
const redisUrl = () => new URL(testRedisUrl());
const connection = () => ({ host: redisUrl().hostname, port: Number(redisUrl().port || 6379) });
const procs: AppProcess[] = [];
const prefixes: string[] = [];
let redis: Redis;

beforeAll(() => {
  redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  await Promise.all(procs.map((p) => p.stop(3000)));
  for (const p of prefixes) await flushPrefix(redis, p);
  redis.disconnect();
});

/** One isolated queue per test: worker processes plus a producer and a reader in the test process. */
async function setup(workers: number, env: Record<string, string>) {
  const prefix = uniquePrefix('crash');
  prefixes.push(prefix);
  const started = Array.from({ length: workers }, (_, i) =>
    spawnApp({
      name: `worker${i}`,
      args: ['--worker'],
      env: { DATABASE_URL: tdb.url, REDIS_URL: testRedisUrl(), QUEUE_PREFIX: prefix, WORKER_CONCURRENCY: '1', WORKER_LOCK_MS: '2000', ...env },
    }),
  );
  procs.push(...started);
  const producer: JobRuntime = createBullmqRuntime(
    { db: tdb.db, logger: createLogger('silent'), metrics: createMetrics(), registry: buildRegistry() },
    { connection: connection(), prefix, concurrency: 1, lockDurationMs: 2000 },
  );
  const queue = new Queue('main', { connection: connection(), prefix });
  await Promise.all(started.map((w) => w.waitForOutput(/worker started/, 30_000)));
  return {
    workers: started,
    queue,
    async enqueue(delayMs: number) {
      const id = await recordJob(tdb.db, 'diagnostics.echo', { message: `crash ${delayMs}`, delayMs });
      await producer.dispatch([id]);
      return id;
    },
    /** Waits for the job to be active and returns the worker process running it (BullMQ's processedBy). */
    async runningOn(id: number): Promise<AppProcess> {
      const job = await pollUntil('the job to start', async () => {
        const j = await queue.getJob(`ob-${id}`);
        return j && (await j.getState()) === 'active' && j.processedBy ? j : undefined;
      }, 10_000, 50);
      const owner = started.find((w) => job.processedBy === `${hostname()}:${w.pid}`);
      if (!owner) throw new Error(`job ran on unknown worker ${job.processedBy}`);
      return owner;
    },
    async close() {
      await producer.close(1000);
      await queue.close();
    },
  };
}

async function waitDone(id: number, ms: number) {
  return pollUntil(`outbox row ${id} to be done`, async () => {
    const [row] = await tdb.db.select().from(jobOutbox).where(eq(jobOutbox.id, id));
    return row.status === 'done' && row;
  }, ms);
}

describe('a worker killed mid-job', () => {
  it('is replaced: the stalled job is retried by another worker and completes once', async () => {
    const q = await setup(2, {});
    try {
      const id = await q.enqueue(4000);
      const victim = await q.runningOn(id);
      await new Promise((r) => setTimeout(r, 500)); // well inside the handler's 4 s sleep
      victim.child.kill('SIGKILL');
      expect(await victim.waitForExit(5000)).toMatchObject({ signal: 'SIGKILL' });

      const row = await waitDone(id, 20_000);
      expect(row.result).toMatchObject({ completions: 1 });
      expect(row.attempts).toBeGreaterThanOrEqual(2);
      const job = (await q.queue.getJob(`ob-${id}`)) as Job;
      expect(job.stalledCounter).toBeGreaterThanOrEqual(1);
      expect(job.attemptsStarted).toBeGreaterThanOrEqual(2);
      const survivor = q.workers.find((w) => w !== victim)!;
      expect(job.processedBy).toBe(`${hostname()}:${survivor.pid}`);
    } finally {
      await q.close();
    }
  });
});

describe('graceful shutdown of a worker (SIGTERM)', () => {
  it('lets a short job finish, then exits 0 within SHUTDOWN_TIMEOUT_MS', async () => {
    const q = await setup(1, { SHUTDOWN_TIMEOUT_MS: '4000' });
    try {
      const id = await q.enqueue(1500);
      const worker = await q.runningOn(id);
      const t0 = Date.now();
      worker.child.kill('SIGTERM');
      const exit = await worker.waitForExit(10_000);
      const took = Date.now() - t0;
      expect(exit, worker.tail()).toEqual({ code: 0, signal: null });
      expect(took).toBeLessThan(4000);
      // Done before the process went away, not by anyone else (no other worker exists).
      const [row] = await tdb.db.select().from(jobOutbox).where(eq(jobOutbox.id, id));
      expect(row).toMatchObject({ status: 'done', attempts: 1, result: { completions: 1 } });
      expect(await (await q.queue.getJob(`ob-${id}`))?.getState()).toBe('completed');
    } finally {
      await q.close();
    }
  });

  it('exits within the bound when a job runs longer; the job is retried by another worker and completes once', async () => {
    const q = await setup(2, { SHUTDOWN_TIMEOUT_MS: '1000' });
    try {
      const id = await q.enqueue(5000);
      const worker = await q.runningOn(id);
      const t0 = Date.now();
      worker.child.kill('SIGTERM');
      const exit = await worker.waitForExit(10_000);
      const took = Date.now() - t0;
      expect(exit, worker.tail()).toEqual({ code: 0, signal: null });
      // 1 s for the jobs, plus closing the queue and database connections.
      expect(took).toBeLessThan(3000);
      expect(worker.output()).toMatch(/handing them back to the queue/);

      const row = await waitDone(id, 20_000);
      expect(row.result).toMatchObject({ completions: 1 });
      expect(row.attempts).toBeGreaterThanOrEqual(2);
      const other = q.workers.find((w) => w !== worker)!;
      expect((await q.queue.getJob(`ob-${id}`))?.processedBy).toBe(`${hostname()}:${other.pid}`);
    } finally {
      await q.close();
    }
  });
});
