// The common face of the two job runtimes (BullMQ, or in-process when there is no Redis) and the pieces they share.
import { and, eq, sql } from 'drizzle-orm';
import { UnrecoverableError } from 'bullmq';
import type { Db } from '../db/client';
import { jobOutbox } from '../db/schema';
import type { Logger } from '../logger';
import type { Metrics } from '../infra/metrics';
import type { JobContext, JobDef } from './define';

export interface JobRuntime {
  readonly mode: 'bullmq' | 'inprocess';
  /** After commit: hand outbox rows to the queue. Never throws; the sweeper retries what fails. */
  dispatch(outboxIds: number[]): Promise<void>;
  /** Start consuming jobs and schedules (worker role). */
  startWorkers(): Promise<void>;
  /** Re-enqueues outbox rows the queue lost (the `outbox.sweep` job calls this); returns how many. */
  redispatchLost(limit: number): Promise<number>;
  counts(): Promise<Record<string, number>>;
  /** Stop taking work, let running jobs finish within the bound, hand back the rest. */
  close(timeoutMs: number): Promise<void>;
}

export interface RuntimeDeps {
  db: Db;
  logger: Logger;
  metrics: Metrics;
  registry: Map<string, JobDef>;
  now?: () => Date;
}

/** Runs one job through its declaration: payload check, handler, outbox bookkeeping. */
export async function runJob(
  deps: RuntimeDeps,
  def: JobDef,
  rawPayload: unknown,
  meta: { attempt: number; outboxId?: number; runtime: JobContext['runtime'] },
): Promise<unknown> {
  const parsed = def.payload.safeParse(rawPayload);
  if (!parsed.success) throw new UnrecoverableError(`invalid payload for ${def.name}: ${parsed.error.issues[0]?.message}`);
  if (meta.outboxId) {
    // Postgres is the record: a row already done (or given up on) is not run again, e.g. when the queue redelivers a
    // job whose worker died after committing, or the sweeper re-adds a job Redis had already finished.
    const [row] = await outboxStatements(deps.db).start.execute({ id: meta.outboxId, attempt: meta.attempt });
    if (!row) {
      deps.logger.info({ job: def.name, outboxId: meta.outboxId }, 'outbox row no longer pending; skipped');
      return { skipped: 'not pending' };
    }
  }
  const result = await def.handler(parsed.data, {
    db: deps.db,
    logger: deps.logger.child({ job: def.name, outboxId: meta.outboxId, attempt: meta.attempt }),
    attempt: meta.attempt,
    outboxId: meta.outboxId,
    now: deps.now ?? (() => new Date()),
    runtime: meta.runtime,
  });
  if (meta.outboxId) {
    await outboxStatements(deps.db).done.execute({ id: meta.outboxId, at: new Date().toISOString() });
  }
  deps.metrics.jobsCompleted.inc({ name: def.name });
  return result;
}

/**
 * The two outbox updates every job run makes, as named prepared statements: drizzle sends other queries unnamed,
 * which PostgreSQL parses and plans on every run (≈0.3 ms a job of the no-op job's ≈1.7 ms in the verify bench).
 */
function outboxStatements(db: Db): OutboxStatements {
  let s = prepared.get(db);
  if (!s) prepared.set(db, (s = prepareOutboxStatements(db)));
  return s;
}
function prepareOutboxStatements(db: Db) {
  const P = sql.placeholder;
  const pending = and(eq(jobOutbox.id, P('id')), eq(jobOutbox.status, 'pending'));
  return {
    start: db.update(jobOutbox).set({ attempts: sql`${P('attempt')}::int` }).where(pending).returning({ id: jobOutbox.id }).prepare('outbox_start'),
    done: db.update(jobOutbox).set({ status: 'done', completedAt: sql`${P('at')}::timestamptz`, lastError: null }).where(pending).prepare('outbox_done'),
  };
}
type OutboxStatements = ReturnType<typeof prepareOutboxStatements>;
const prepared = new WeakMap<Db, OutboxStatements>();

export async function markOutboxFailed(db: Db, outboxId: number, error: string): Promise<void> {
  await db
    .update(jobOutbox)
    .set({ status: 'failed', lastError: error.slice(0, 2000) })
    .where(and(eq(jobOutbox.id, outboxId), eq(jobOutbox.status, 'pending')));
}

/** Outbox rows that should be in the queue but were never handed over or have gone quiet. */
export async function findLostOutboxRows(db: Db, limit: number) {
  return db
    .select()
    .from(jobOutbox)
    .where(
      and(
        eq(jobOutbox.status, 'pending'),
        sql`${jobOutbox.runAfter} <= now()`,
        sql`(${jobOutbox.enqueuedAt} IS NULL AND ${jobOutbox.createdAt} < now() - interval '5 seconds'
             OR ${jobOutbox.enqueuedAt} < now() - interval '60 seconds')`,
      ),
    )
    .orderBy(jobOutbox.id)
    .limit(limit);
}

export const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));
