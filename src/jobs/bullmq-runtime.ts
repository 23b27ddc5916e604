// BullMQ 6 runtime: one queue, jobs named by the registry, schedules via job schedulers, outbox rows as the record.
import { hostname } from 'node:os';
import { eq, inArray } from 'drizzle-orm';
import { Queue, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { RedisOptions } from 'ioredis';
import { jobOutbox } from '../db/schema';
import type { JobDef } from './define';
import { errorText, findLostOutboxRows, markOutboxFailed, runJob, type JobRuntime, type RuntimeDeps } from './runtime';

const QUEUE = 'main';
interface JobData {
  outboxId?: number;
  payload: unknown;
}

export interface BullmqOptions {
  connection: RedisOptions;
  prefix: string;
  concurrency: number;
  /** How long a job may run without its worker renewing the lock; a killed worker's job is retried after this. */
  lockDurationMs: number;
}

export function createBullmqRuntime(deps: RuntimeDeps, opts: BullmqOptions): JobRuntime {
  // Producers sit on the request path: fail fast rather than queue commands while Redis is away.
  const queue = new Queue<JobData, unknown, string>(QUEUE, {
    connection: { ...opts.connection, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 } as ConnectionOptions,
    prefix: opts.prefix,
  });
  queue.on('error', (err) => deps.logger.warn({ err: errorText(err) }, 'queue connection error'));
  let worker: Worker<JobData, unknown, string> | undefined;

  const jobOptions = (def: JobDef) => ({
    attempts: def.attempts,
    backoff: { type: 'exponential' as const, delay: def.backoffMs },
    removeOnComplete: { age: 3600, count: 1000 },
    removeOnFail: { age: 7 * 86400 },
  });

  async function addRows(rows: (typeof jobOutbox.$inferSelect)[]): Promise<void> {
    const jobs = rows.flatMap((row) => {
      const def = deps.registry.get(row.name);
      if (!def) return [];
      const delay = Math.max(0, row.runAfter.getTime() - Date.now());
      return [{ name: row.name, data: { outboxId: row.id, payload: row.payload }, opts: { ...jobOptions(def), jobId: `ob-${row.id}`, delay } }];
    });
    if (jobs.length === 0) return;
    await withTimeout(queue.addBulk(jobs), 3000);
    await deps.db.update(jobOutbox).set({ enqueuedAt: new Date() }).where(inArray(jobOutbox.id, rows.map((r) => r.id)));
  }

  const runtime: JobRuntime = {
    mode: 'bullmq',
    async dispatch(outboxIds) {
      if (outboxIds.length === 0) return;
      try {
        const rows = await deps.db.select().from(jobOutbox).where(inArray(jobOutbox.id, outboxIds));
        await addRows(rows.filter((r) => r.status === 'pending'));
      } catch (err) {
        deps.logger.warn({ err: errorText(err), outboxIds }, 'dispatch failed; the outbox sweeper will retry');
      }
    },

    async startWorkers() {
      worker = new Worker<JobData, unknown, string>(
        QUEUE,
        async (job: Job<JobData, unknown, string>) => {
          const def = deps.registry.get(job.name);
          if (!def) throw new UnrecoverableError(`no job named ${job.name} in the registry`);
          // attemptsMade counts failures only; a run cut short by a dead worker (stalled) shows up in attemptsStarted.
          const attempt = Math.max(job.attemptsMade + 1, job.attemptsStarted ?? 0);
          return runJob(deps, def, job.data.payload, { attempt, outboxId: job.data.outboxId, runtime: sweeper });
        },
        {
          // Recorded on each job as processedBy: which process ran it (dashboard, post-mortems, tests).
          name: `${hostname()}:${process.pid}`,
          connection: { ...opts.connection, maxRetriesPerRequest: null } as ConnectionOptions,
          prefix: opts.prefix,
          concurrency: opts.concurrency,
          lockDuration: opts.lockDurationMs,
          stalledInterval: Math.max(1000, Math.floor(opts.lockDurationMs / 2)),
          maxStalledCount: 2,
        },
      );
      worker.on('failed', (job, err) => {
        if (!job) return;
        const final = err instanceof UnrecoverableError || err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
        deps.metrics.jobsFailed.inc({ name: job.name, final: String(final) });
        deps.logger.warn({ job: job.name, id: job.id, attempt: job.attemptsMade, final, err: err.message }, 'job failed');
        if (final && job.data.outboxId) void markOutboxFailed(deps.db, job.data.outboxId, err.message).catch(() => {});
      });
      worker.on('error', (err) => deps.logger.warn({ err: errorText(err) }, 'worker error'));
      const schedule = async () => {
        for (const def of deps.registry.values()) {
          if (!def.every) continue;
          await queue.upsertJobScheduler(def.name, { every: def.every }, { name: def.name, data: { payload: {} }, opts: jobOptions(def) });
        }
      };
      await schedule();
      // A Redis that comes back empty (no persistence, a failover) has lost the schedules, the outbox sweep among them, and
      // every queued job: on each reconnect put the schedules back and sweep at once, so work filed meanwhile still runs.
      (await queue.getBackend().client).on('ready', () => {
        void schedule()
          .then(() => sweeper.redispatchLost(500))
          .catch((err: unknown) => deps.logger.warn({ err: errorText(err) }, 'could not restore job schedules after a Redis reconnect'));
      });
    },

    redispatchLost: (limit) => sweeper.redispatchLost(limit),

    async counts() {
      const c = await withTimeout(queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized'), 2000);
      return c as Record<string, number>;
    },

    async close(timeoutMs) {
      if (worker) {
        // worker.close() waits for running jobs with no bound. Past the bound, drop the worker's connections: lock
        // renewal stops, the locks lapse after lockDurationMs and another worker's stalled check retries the jobs
        // (handlers are idempotent; the caller exits the process right after). worker.close(true) cannot be used for
        // this: BullMQ memoizes the first close() call, so a second, forced call just waits for the graceful one.
        const w = worker;
        const graceful = w.close();
        graceful.catch(() => {});
        const finished = await Promise.race([graceful.then(() => true, () => true), sleep(timeoutMs).then(() => false)]);
        if (!finished) {
          deps.logger.warn({ timeoutMs }, 'jobs still running at shutdown; handing them back to the queue');
          await w.disconnect().catch(() => {});
        }
      }
      await queue.close();
    },
  };

  const sweeper = {
    async redispatchLost(limit: number) {
      const rows = await findLostOutboxRows(deps.db, limit);
      const lost: typeof rows = [];
      for (const row of rows) {
        const job = await queue.getJob(`ob-${row.id}`);
        if (!job) {
          lost.push(row);
          continue;
        }
        const state = await job.getState();
        // BullMQ moves a job it will retry to delayed or wait: one left in failed is final (this includes a job that
        // stalled too often, for which no worker emits 'failed').
        if (state === 'failed') {
          await markOutboxFailed(deps.db, row.id, job.failedReason ?? 'failed');
        } else if (state === 'completed') {
          await deps.db.update(jobOutbox).set({ status: 'done', completedAt: new Date() }).where(eq(jobOutbox.id, row.id));
        }
      }
      await addRows(lost);
      return lost.length;
    },
  };
  return runtime;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());
function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`redis timeout after ${ms} ms`)), ms).unref())]);
}
