// Group commit for worker-side awards (points.award jobs): several awards in TWO statements and one commit — one read
// of every award's context and one write that pays them all (transfers, credit lots, audit rows, balances, one fund
// slice debit) — each with its own idempotency key. The write pays an award only if its resident's account row is
// still the version the caps were judged on, like the optimistic award, so caps and the one-per-matter rule hold
// against every other writer. Whatever the batch cannot settle alone goes through awardPoints on its own: a refusal
// is that award's answer only; an account or fund not made yet, a second approval, a second award to the same
// resident in the batch, an account changed meanwhile, no single fund slice for the whole batch, a lost deadlock.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { auditLog, pointAccounts, pointTransfers } from '../../db/schema';
import { AppError } from '../errors';
import { loadAwardContexts } from './award-context';
import { awardPoints, decide, prepareAward, type AwardInput, type AwardResult, type AwardWrite, type PreparedAward } from './award-points';
import type { Evaluation } from './evaluate-award';
import { statement } from './ledger-sql';
import { isTransient } from './transient-error';

export type BatchOutcome = { ok: true; result: AwardResult } | { ok: false; error: unknown };

interface Paying {
  at: number;
  write: AwardWrite;
  seen: string;
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
      groups.set(g, [...(groups.get(g) ?? []), x]);
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
    const account = ctx.residentAccountId;
    // Each resident once per batch: the caps of a second award depend on the first.
    if (p.input.secondApproverUserId != null || account === null || ctx.residentXmin === null || !ctx.state || !ctx.fundReady || residents.has(account)) {
      return void single.push(at);
    }
    const d = settleSync(() => decide(p, ctx, ctx.state!, account));
    if (!d.ok) return void (out[at] = d);
    if (d.value.kind === 'replay') return void (out[at] = { ok: true, result: d.value.result });
    if (d.value.kind === 'second') return void single.push(at);
    residents.add(account);
    paying.push({ at, write: d.value.write, seen: ctx.residentXmin, evaluation: d.value.evaluation, discreet: d.value.discreet });
  });
  return paying;
}

/** One write statement for the awards of one community's fund period. */
async function payGroup(db: Db, group: Paying[], out: BatchOutcome[], single: number[]): Promise<void> {
  if (group.length === 1) return void single.push(group[0].at);
  const first = group[0].write;
  const rows = group.map((x, ord) => ({
    ord, resident: x.write.residentId, seen: x.seen, amount: x.write.amount, key: x.write.key, reason: x.write.reason, by: x.write.createdBy,
    at: x.write.now.toISOString(), expires: x.write.expiresAt.toISOString(), audit: x.write.audit,
  }));
  let paid;
  try {
    paid = await writeBatch(db, { cid: first.communityId, period: first.period, rows: JSON.stringify(rows) });
  } catch (err) {
    if (!isTransient(err)) throw err;
    return void single.push(...group.map((x) => x.at));
  }
  const ids = new Map(paid.map((r) => [Number(r.ord), r.id]));
  group.forEach((x, ord) => {
    const id = ids.get(ord);
    // Not paid here (account changed, no slice for the batch, or already paid by a racer): alone, which replays.
    if (id == null) return void single.push(x.at);
    out[x.at] = {
      ok: true,
      result: { status: 'paid', transferId: Number(id), amount: x.evaluation.amount, idempotencyKey: x.write.key, replayed: false, evaluation: x.evaluation, discreet: x.discreet },
    };
  });
}

const P = sql.placeholder;
/**
 * The batch's write in ONE statement. It locks the residents' accounts (by primary key: the planner cannot count the
 * inputs, and a join to them read the whole accounts table) in id order (the order every batch uses, so
 * two batches never wait in a circle), each only if its xmin is still the one read; then — all residents first, the
 * ledger's lock order — one fund slice that covers the whole batch, FOR NO KEY UPDATE SKIP LOCKED, never waiting.
 * Then per award still payable: its transfer (none if the key is taken), lot and audit row; both balances. Should the
 * slice's conditional debit ever miss, ledger_abort fails the statement and nothing is paid.
 */
const writeBatch = statement<{ ord: number; id: string | number | null }>(
  () => sql`with inp as materialized (
      select * from jsonb_to_recordset(${P('rows')}::text::jsonb) as x("ord" int, "resident" int, "seen" text, "amount" bigint, "key" text,
        "reason" jsonb, "by" int, "at" timestamptz, "expires" timestamptz, "audit" jsonb)
    ), rl as materialized (
      select a.id from ${pointAccounts} a
      where a.id = any (array(select resident from inp)) and a.xmin = (select inp.seen::xid from inp where inp.resident = a.id)
      order by a.id
      for no key update
    ), go as materialized (
      select inp.* from inp join rl on rl.id = inp.resident
    ), s as (
      select id from ${pointAccounts}
      where (select count(*) from go) > 0
        and community_id = ${P('cid')}::int and kind = 'fund' and period = ${P('period')}::text
        and balance >= (select sum(amount) from go)
      order by random() limit 1
      for no key update skip locked
    ), t as (
      insert into ${pointTransfers} (community_id, kind, from_account_id, to_account_id, amount, idempotency_key, reason, created_by, created_at)
      select ${P('cid')}::int, 'award', s.id, go.resident, go.amount, go.key, go.reason, go.by, go.at
      from go cross join s
      on conflict (idempotency_key) do nothing
      returning id, to_account_id, amount, idempotency_key
    ), l as (
      insert into point_lots (account_id, transfer_id, amount, remaining, expires_at)
      select t.to_account_id, t.id, t.amount, t.amount, go.expires from t join go on go.key = t.idempotency_key
    ), a as (
      insert into ${auditLog} (actor_user_id, community_id, action, target_type, target_id, after)
      select go.by, ${P('cid')}::int, 'points.award', 'point_transfer', go.key, go.audit from t join go on go.key = t.idempotency_key
    ), r as (
      update ${pointAccounts} p set balance = p.balance + t.amount from t where p.id = t.to_account_id
    ), f as (
      update ${pointAccounts} set balance = balance - (select sum(amount) from t)
      where id = (select id from s) and balance >= (select sum(amount) from t) and exists (select 1 from t)
      returning id
    )
    select inp.ord, t.id,
      case when exists (select 1 from t) and not exists (select 1 from f) then ledger_abort('fund slice did not cover a batch of awards') end as guard
    from inp left join t on t.idempotency_key = inp.key`,
);

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
