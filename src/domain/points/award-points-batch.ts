// Group commit for worker-side awards (points.award jobs): several awards in TWO statements and one commit — one read
// of every award's context and one write that pays them all (transfers, credit lots, audit rows, balances, one fund
// slice debit) — each with its own idempotency key. The write pays an award only if its resident's account row is
// still the version the caps were judged on, like the optimistic award, so caps and the one-per-matter rule hold
// against every other writer. Whatever the batch cannot settle alone goes through awardPoints on its own: a refusal
// is that award's answer only; an account or fund not made yet, a second approval, a second award to the same
// resident in the batch, an account changed meanwhile, no single fund slice for the whole batch, a lost deadlock.
import type { Db } from '../../db/client';
import { AppError } from '../errors';
import { loadAwardContexts } from './award-context';
import { awardPoints, decideUnlocked, prepareAward, type AwardInput, type AwardResult, type PreparedAward } from './award-points';
import { writeAwards, type AwardWrite } from './award-write';
import type { Evaluation } from './evaluate-award';
import { isTransient } from './transient-error';

export type BatchOutcome = { ok: true; result: AwardResult } | { ok: false; error: unknown };

interface Paying {
  at: number;
  write: AwardWrite;
  evaluation: Evaluation;
  discreet: boolean;
}

/** Runs the awards together; the outcomes are in input order. */
export async function awardPointsBatch(db: Db, inputs: readonly AwardInput[]): Promise<BatchOutcome[]> {
  const out: BatchOutcome[] = new Array(inputs.length);
  const single: number[] = [];
  const prepared: { at: number; p: PreparedAward }[] = [];
  inputs.forEach((input, at) => {
    const p = settleSync(() => prepareAward(input));
    if (p.ok) prepared.push({ at, p: p.value });
    else out[at] = p;
  });
  if (prepared.length <= 1) single.push(...prepared.map((x) => x.at));
  else {
    const paying = await decideAll(db, prepared, out, single);
    const groups = new Map<string, Paying[]>();
    for (const x of paying) {
      const g = `${x.write.communityId}:${x.write.period}`;
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g)!.push(x);
    }
    for (const group of groups.values()) await payGroup(db, group, out, single);
  }
  await Promise.all(single.map(async (at) => void (out[at] = await alone(db, inputs[at]))));
  return out;
}

/** Reads every context in one statement and decides each award: an answer now, a write for the batch, or alone. */
async function decideAll(db: Db, prepared: { at: number; p: PreparedAward }[], out: BatchOutcome[], single: number[]): Promise<Paying[]> {
  const contexts = await loadAwardContexts(db, prepared.map(({ p }) => ({ input: p.input, clock: p.clock, keys: p.keys })));
  const residents = new Set<number>();
  const paying: Paying[] = [];
  prepared.forEach(({ at, p }, k) => {
    const ctx = contexts[k];
    if (ctx instanceof AppError) return void (out[at] = { ok: false, error: ctx });
    const d = settleSync(() => decideUnlocked(p, ctx));
    if (!d.ok) return void (out[at] = d);
    const decision = d.value;
    if (decision?.kind === 'replay') return void (out[at] = { ok: true, result: decision.result });
    // Each resident once per batch: the caps of a second award depend on the first.
    if (!decision || decision.kind === 'second' || residents.has(decision.write.residentId)) return void single.push(at);
    residents.add(decision.write.residentId);
    paying.push({ at, write: decision.write, evaluation: decision.evaluation, discreet: decision.discreet });
  });
  return paying;
}

/** One write statement for the awards of one community's fund period. */
async function payGroup(db: Db, group: Paying[], out: BatchOutcome[], single: number[]): Promise<void> {
  if (group.length === 1) return void single.push(group[0].at);
  let written;
  try {
    written = await writeAwards(db, group.map((x) => x.write));
  } catch (err) {
    if (!isTransient(err)) throw err;
    return void single.push(...group.map((x) => x.at));
  }
  group.forEach((x, k) => {
    const id = written[k];
    // Not paid here (account changed, no slice for the batch, or already paid by a racer): alone, which replays.
    if (typeof id !== 'number') return void single.push(x.at);
    out[x.at] = {
      ok: true,
      result: { status: 'paid', transferId: id, amount: x.evaluation.amount, idempotencyKey: x.write.key, replayed: false, evaluation: x.evaluation, discreet: x.discreet },
    };
  });
}

/** One award on its own (awardPoints), again (a few times) while it loses to deadlocks. */
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

function settleSync<T>(fn: () => T): { ok: true; value: T } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error };
    throw error;
  }
}

/**
 * Collects awards from concurrent job runs in one worker and writes them with awardPointsBatch. No timer: whatever
 * arrived while earlier batches were being written goes next (group commit), split over `maxInFlight` batches so
 * one can be written while the next is judged; a caller alone is paid at once. Each caller gets its own result.
 */
export class AwardBatcher {
  private pending: { input: AwardInput; resolve: (r: AwardResult) => void; reject: (e: unknown) => void }[] = [];
  private inFlight = 0;
  private scheduled = false;
  /** Batches written and the awards in them (the bench reports the mean batch). */
  readonly stats = { batches: 0, awards: 0 };

  constructor(
    private readonly db: Db,
    private readonly opts: { maxBatch?: number; maxInFlight?: number } = {},
  ) {}

  award(input: AwardInput): Promise<AwardResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      if (this.scheduled) return;
      // After this turn of the event loop: the job runs woken together are batched together.
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.drain();
      });
    });
  }

  private drain(): void {
    const maxInFlight = this.opts.maxInFlight ?? 2;
    while (this.pending.length && this.inFlight < maxInFlight) {
      const size = Math.min(this.opts.maxBatch ?? 32, Math.ceil(this.pending.length / (maxInFlight - this.inFlight)));
      const batch = this.pending.splice(0, size);
      this.inFlight++;
      this.stats.batches++;
      this.stats.awards += batch.length;
      awardPointsBatch(
        this.db,
        batch.map((b) => b.input),
      )
        .then(
          (outcomes) => outcomes.forEach((o, i) => (o.ok ? batch[i].resolve(o.result) : batch[i].reject(o.error))),
          (err: unknown) => batch.forEach((b) => b.reject(err)),
        )
        .finally(() => {
          this.inFlight--;
          this.drain();
        });
    }
  }
}

const batchers = new WeakMap<object, AwardBatcher>();

/** One batcher per database handle (per worker process). */
export function awardBatcher(db: Db): AwardBatcher {
  let b = batchers.get(db);
  if (!b) batchers.set(db, (b = new AwardBatcher(db)));
  return b;
}
