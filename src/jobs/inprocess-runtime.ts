// Without Redis (demo mode) the outbox table itself is the queue: this process polls it and runs jobs in turn.
import { eq, sql } from 'drizzle-orm';
import { UnrecoverableError } from 'bullmq';
import { jobOutbox } from '../db/schema';
import { errorText, markOutboxFailed, runJob, type JobRuntime, type RuntimeDeps } from './runtime';

/** A claimed row is leased this long; if the process dies mid-job, the row becomes runnable again after it. */
const LEASE_MS = 5 * 60 * 1000;

export function createInprocessRuntime(deps: RuntimeDeps, opts: { pollMs?: number } = {}): JobRuntime {
  const pollMs = opts.pollMs ?? 1000;
  const timers: NodeJS.Timeout[] = [];
  let running: Promise<void> | undefined;
  let stopped = false;
  let started = false;
  let again = false;
  const noSweep = { redispatchLost: async () => 0 };

  async function claim() {
    const rows = await deps.db.execute<typeof jobOutbox.$inferSelect>(sql`
      UPDATE job_outbox SET attempts = attempts + 1, run_after = now() + ${`${LEASE_MS} milliseconds`}::interval
      WHERE id = (SELECT id FROM job_outbox WHERE status = 'pending' AND run_after <= now() ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING id, name, payload, attempts`);
    const list = (Array.isArray(rows) ? rows : (rows as unknown as { rows: unknown[] }).rows) as { id: number; name: string; payload: unknown; attempts: number }[];
    return list[0];
  }

  async function drain(): Promise<void> {
    do {
      again = false;
      for (let row = await claim(); row && !stopped; row = await claim()) {
        const id = Number(row.id);
        const def = deps.registry.get(row.name);
        if (!def) {
          await markOutboxFailed(deps.db, id, `no job named ${row.name}`);
          continue;
        }
        try {
          await runJob(deps, def, row.payload, { attempt: row.attempts, outboxId: id, runtime: noSweep });
        } catch (err) {
          const final = err instanceof UnrecoverableError || row.attempts >= def.attempts;
          deps.metrics.jobsFailed.inc({ name: def.name, final: String(final) });
          deps.logger.warn({ job: def.name, outboxId: id, attempt: row.attempts, final, err: errorText(err) }, 'job failed');
          if (final) await markOutboxFailed(deps.db, id, errorText(err));
          else {
            const retryAt = new Date(Date.now() + def.backoffMs * 2 ** (row.attempts - 1));
            await deps.db.update(jobOutbox).set({ runAfter: retryAt, lastError: errorText(err) }).where(eq(jobOutbox.id, id));
          }
        }
      }
    } while (again && !stopped);
  }

  function kick() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch((err) => deps.logger.error({ err: errorText(err) }, 'in-process job loop failed'))
      .finally(() => (running = undefined));
  }

  return {
    mode: 'inprocess',
    async dispatch() {
      // Only a process that runs workers takes jobs: a `--web` process leaves its rows to the worker's poll.
      if (started) kick();
    },
    async startWorkers() {
      started = true;
      timers.push(setInterval(kick, pollMs));
      for (const def of deps.registry.values()) {
        if (!def.every || def.name === 'outbox.sweep') continue; // the poll loop already is the sweeper
        timers.push(
          setInterval(() => {
            runJob(deps, def, {}, { attempt: 1, runtime: noSweep }).catch((err) =>
              deps.logger.warn({ job: def.name, err: errorText(err) }, 'scheduled job failed'),
            );
          }, def.every),
        );
      }
      kick();
    },
    async redispatchLost() {
      // The outbox table is the queue here: nothing can be lost between the two, the poll finds every runnable row.
      return 0;
    },
    async counts() {
      const rows = await deps.db
        .select({ status: jobOutbox.status, n: sql<number>`count(*)::int` })
        .from(jobOutbox)
        .groupBy(jobOutbox.status);
      const by = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
      return { waiting: by.pending ?? 0, failed: by.failed ?? 0, completed: by.done ?? 0 };
    },
    async close(timeoutMs) {
      stopped = true;
      timers.forEach(clearInterval);
      if (running) await Promise.race([running, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
    },
  };
}
