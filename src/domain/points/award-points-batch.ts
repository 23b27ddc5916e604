// Group commit for worker-side awards: several awards in ONE transaction, one commit (one WAL flush) for all of them.
// Each award runs through awardPoints in its own savepoint with its own idempotency key, so a refusal or an error
// rolls back only that award; the audit row, the credit lot, the caps and the fund check are awardPoints' own.
// If the shared transaction itself fails (a deadlock with another batch over a resident or a fund slice, a lost
// connection), nothing of it was committed and every award is run again on its own.
// Not wired into points.award yet: measured on the 2-core bench machine (npm run bench -- ledger, award_group) it is
// slower than one transaction per award — the awards of a batch run one after another on one connection, each still
// four round trips (savepoint, context, write, release), while PostgreSQL already shares WAL flushes between
// concurrent commits. It pays where a commit's flush is slow (network storage): use it there.
import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { query } from './ledger-sql';
import { awardPoints, type AwardInput, type AwardResult } from './award-points';
import { isTransient } from './transient-error';

export type BatchOutcome = { ok: true; result: AwardResult } | { ok: false; error: unknown };

/** Runs the awards in one transaction; the outcomes are in input order. */
export async function awardPointsBatch(db: Db, inputs: readonly AwardInput[]): Promise<BatchOutcome[]> {
  if (inputs.length === 1) return [await alone(db, inputs[0])];
  let out: BatchOutcome[];
  try {
    out = await db.transaction(async (tx) => {
      const done: BatchOutcome[] = new Array(inputs.length);
      // One at a time (a transaction is one connection), and each award locks its resident until commit: in the order
      // of the recipients' ids, the same in every batch, so two batches never wait for each other in a circle.
      for (const i of await byRecipient(tx, inputs)) done[i] = await settle(() => awardPoints(tx, inputs[i]));
      return done;
    });
  } catch {
    // The whole transaction rolled back (every savepoint with it): each award again, alone.
    out = [];
    for (const input of inputs) out.push(await alone(db, input));
    return out;
  }
  // An award that lost a deadlock to another batch (its savepoint rolled back, the rest committed) goes again alone.
  for (let i = 0; i < out.length; i++) if (!out[i].ok && isTransient((out[i] as { error: unknown }).error)) out[i] = await alone(db, inputs[i]);
  return out;
}

/** Input positions sorted by recipient user id (authors looked up in one query), then by position. */
async function byRecipient(tx: DbOrTx, inputs: readonly AwardInput[]): Promise<number[]> {
  const bySubmission = inputs.map((x) => ('recipientUserId' in x.contribution ? null : x.contribution.submissionId)).filter((id): id is number => id !== null);
  const authors = new Map<number, number>();
  if (bySubmission.length) {
    const rows = await query<{ id: number; author: number | null }>(tx, sql`select id, author_user_id as author from submissions where id = any(${`{${bySubmission.join(',')}}`}::int[])`);
    for (const r of rows) authors.set(Number(r.id), Number(r.author ?? 0));
  }
  const recipient = (x: AwardInput) => ('recipientUserId' in x.contribution ? x.contribution.recipientUserId : (authors.get(x.contribution.submissionId) ?? 0));
  return inputs.map((_, i) => i).sort((a, b) => recipient(inputs[a]) - recipient(inputs[b]) || a - b);
}

/** One award in its own transaction, again (a few times) while it loses to deadlocks. */
async function alone(db: Db, input: AwardInput): Promise<BatchOutcome> {
  let outcome = await settle(() => awardPoints(db, input));
  for (let attempt = 1; attempt < 5 && !outcome.ok && isTransient(outcome.error); attempt++) outcome = await settle(() => awardPoints(db, input));
  return outcome;
}

async function settle(fn: () => Promise<AwardResult>): Promise<BatchOutcome> {
  try {
    return { ok: true, result: await fn() };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * Collects awards that arrive close together (concurrent job runs in one worker) and writes them with
 * awardPointsBatch: the first award of a batch waits at most `windowMs` for company, a full batch goes at once.
 * Each caller gets its own award's result or error.
 */
export class AwardBatcher {
  private pending: { input: AwardInput; resolve: (r: AwardResult) => void; reject: (e: unknown) => void }[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly opts: { windowMs?: number; maxBatch?: number } = {},
  ) {}

  award(input: AwardInput): Promise<AwardResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      if (this.pending.length >= (this.opts.maxBatch ?? 32)) this.flush();
      else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.opts.windowMs ?? 2);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    if (!batch.length) return;
    awardPointsBatch(
      this.db,
      batch.map((b) => b.input),
    ).then(
      (outcomes) => outcomes.forEach((o, i) => (o.ok ? batch[i].resolve(o.result) : batch[i].reject(o.error))),
      (err: unknown) => batch.forEach((b) => b.reject(err)),
    );
  }
}

const batchers = new WeakMap<object, AwardBatcher>();

/** One batcher per database handle (per worker process). */
export function awardBatcher(db: Db): AwardBatcher {
  let b = batchers.get(db);
  if (!b) batchers.set(db, (b = new AwardBatcher(db)));
  return b;
}
