// Awards points for an approved contribution: judged by the rule set, capped, checked against the period fund and
// written (transfer + both cached balances + credit lot + audit) in one transaction; each matter is paid at most once.
// Hot path: two statements and no transaction (context read, then a write that pays only if the resident's account
// is unchanged since); otherwise four round trips under a lock (begin, context+lock+state, write, commit). Prepared.
import { and, eq } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import { pointAwardRequests, pointTransfers } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import { AppError } from '../errors';
import { loadAwardContext, type AwardContext } from './award-context';
import { awardKey, contributionJson, toContribution, type AwardInput } from './award-input';
import { parsePointsAmount } from './amount';
import { addMonths, localClock, type LocalClock } from './clock';
import { createAndLockResident, residentState, type ResidentState } from './resident-state';
import { isTransient } from './transient-error';
import { ensurePeriodFund } from './ensure-period-fund';
import { consolidateFund } from './consolidate-fund';
import { evaluateAward, type Evaluation, type Refusal } from './evaluate-award';
import { writeAwards, type AwardWrite } from './award-write';

export type { AwardInput } from './award-input';

export type AwardResult =
  | {
      status: 'paid';
      transferId: number;
      amount: number;
      idempotencyKey: string;
      /** True when this matter had already been paid: the existing transfer is returned and nothing is written. */
      replayed: boolean;
      /** Absent on a replay. */
      evaluation?: Evaluation;
      /** Paid to the author of an ANONYMOUS item: staff may be told that a cap applied, never the amount (see `discreet`). */
      discreet?: boolean;
    }
  | { status: 'pending_second_approval'; requestId: number; amount: number; idempotencyKey: string; evaluation: Evaluation };

/**
 * The recipient is the author of an anonymous item. What a cap did to such an award is a function of the author's
 * totals, so a message with amounts ("the resident already had 36 today", "paid 164 of 300", "today's limit") lets a
 * staff member who knows a suspect's points confirm who wrote the item. Such awards are refused or reported with one
 * message that says only that a cap applied (points.err.capAnonymous / callers' "capped" outcome), not which cap or
 * how much. Mediators and helpers are not the author: their awards are reported in full.
 */
export function isDiscreet(ctx: Pick<AwardContext, 'anonymous'>, input: AwardInput): boolean {
  const k = input.contribution.kind;
  return ctx.anonymous && (k === 'submission' || k === 'duplicate_confirmation' || k === 'outcome_bonus');
}

/** The refusal awardPoints gives when a cap stops an award to an anonymous author (one message for every cap). */
export const isDiscreetCapRefusal = (err: unknown): boolean => err instanceof AppError && err.msg.key === 'points.err.capAnonymous';

/** Raised inside the transaction to roll it back when a racing request paid the same matter first. */
class AlreadyPaid extends Error {}
/** Raised to roll back the hot-path transaction when no single fund slice can pay (see awardOnce). */
class NeedsConsolidation extends Error {}

/** An award's input with what every path derives from it first: the requested amount (validated), clock and keys. */
export interface PreparedAward {
  input: AwardInput;
  requested: number | undefined;
  now: Date;
  clock: LocalClock;
  keys: { onePerMatter: string; perRequest: string };
}

/** Validates before anything is read or written: a bad amount writes nothing and costs no round trip. */
export function prepareAward(input: AwardInput): PreparedAward {
  const requested = input.amount === undefined ? undefined : parsePointsAmount(input.amount);
  const now = input.now ?? new Date();
  const clock = localClock(now, input.timeZone ?? 'Asia/Shanghai');
  const extra = input.requestKey ?? String(input.approverUserId);
  return { input, requested, now, clock, keys: { onePerMatter: awardKey(input.contribution, true, extra), perRequest: awardKey(input.contribution, false, extra) } };
}

export async function awardPoints(db: DbOrTx, input: AwardInput): Promise<AwardResult> {
  const prepared = prepareAward(input);
  const { now, clock, keys } = prepared;
  let key = '';
  try {
    // Inside a caller's transaction the award runs in its own savepoint, under the caller's locks: no optimistic try there.
    const optimistic = input.secondApproverUserId == null && !(db instanceof PgTransaction) ? await awardOptimistic() : null;
    return optimistic ?? (await awardOnce(false));
  } catch (err) {
    if (err instanceof NeedsConsolidation) return await awardOnce(true).catch(replayIfPaid);
    return await replayIfPaid(err);
  }

  async function replayIfPaid(err: unknown): Promise<AwardResult> {
    if (!(err instanceof AlreadyPaid)) throw err;
    const [t] = await db.select().from(pointTransfers).where(eq(pointTransfers.idempotencyKey, key));
    return { status: 'paid', transferId: t.id, amount: t.amount, idempotencyKey: key, replayed: true };
  }

  /**
   * The usual award in two statements and no transaction of ours: the context is read without a lock, and the write
   * (one statement, so atomic) pays only if the resident's account row is still the version the caps were judged on.
   * null when this path cannot decide alone — no account or fund yet, a second approval to ask for, no free fund
   * slice, the account changed meanwhile, a deadlock — and the locking transaction below then does the whole award.
   */
  async function awardOptimistic(): Promise<AwardResult | null> {
    const ctx = await loadAwardContext(db, input, clock, keys, { lock: false });
    key = ctx.awardKey;
    const d = decideUnlocked(prepared, ctx);
    if (!d || d.kind === 'second') return null;
    if (d.kind === 'replay') return d.result;
    let paid: number | 'stale' | 'no_slice';
    try {
      paid = await writeAward(db, d.write);
    } catch (err) {
      if (isTransient(err)) return null;
      throw err;
    }
    if (paid === 'stale' || paid === 'no_slice') return null;
    return { status: 'paid', transferId: paid, amount: d.evaluation.amount, idempotencyKey: key, replayed: false, evaluation: d.evaluation, discreet: d.discreet };
  }

  /**
   * consolidate=false is the locking path: one fund slice taken with SKIP LOCKED, never waiting. When no slice can
   * pay, that transaction is rolled back and a second one consolidates. It must be a fresh transaction: SKIP LOCKED
   * with LIMIT can leave a slice locked that it then did not return (its balance changed under the lock), and a
   * consolidator still holding such a slice while waiting for the others in id order deadlocks with another one.
   */
  async function awardOnce(consolidate: boolean): Promise<AwardResult> {
    return db.transaction(async (tx) => {
      // The resident's account is locked from here to commit: caps and the one-per-matter check cannot race.
      const ctx = await loadAwardContext(tx, input, clock, keys);
      key = ctx.awardKey;
      const residentId = ctx.residentAccountId ?? (await createAndLockResident(tx, input.communityId, ctx.recipientUserId));
      if (!ctx.fundReady) await ensurePeriodFund(tx, { communityId: input.communityId, period: clock.period, at: now, actorUserId: input.approverUserId });
      const state =
        ctx.state && ctx.fundReady ? ctx.state : await residentState(tx, { communityId: input.communityId, residentId, key, clock });
      const d = decide(prepared, ctx, state, residentId);
      if (d.kind === 'replay') return d.result;
      if (d.kind === 'second') return requestSecondApproval(tx, input, key, d.evaluation);
      const { write, evaluation, discreet } = d;
      let paid = consolidate ? 'no_slice' : await writeAward(tx, write);
      if (paid === 'no_slice') {
        if (!consolidate) throw new NeedsConsolidation();
        // No slice could pay alone (all busy, or each too small): consolidate under a full lock, or refuse.
        const c = await consolidateFund(tx, { communityId: input.communityId, period: clock.period, amount: evaluation.amount, key, now, actorUserId: input.approverUserId });
        if ('short' in c) throw refusal({ reason: 'fund_exhausted', remaining: c.remaining, amount: evaluation.amount }, { discreet });
        paid = await writeAward(tx, { ...write, sliceId: c.sliceId });
        if (paid === 'no_slice') throw new Error(`ledger: fund slice ${c.sliceId} could not pay ${key} after consolidation`);
      }
      if (paid === 'stale') throw new Error(`ledger: account ${residentId} changed under its lock (${key})`);
      if (input.secondApproverUserId != null) {
        await tx
          .update(pointAwardRequests)
          .set({ status: 'paid', decidedBy: input.secondApproverUserId, decidedAt: now })
          .where(and(eq(pointAwardRequests.idempotencyKey, key), eq(pointAwardRequests.status, 'pending')));
      }
      return { status: 'paid', transferId: paid, amount: evaluation.amount, idempotencyKey: key, replayed: false, evaluation, discreet };
    });
  }
}

/**
 * What an award read without a lock (the optimistic award, a batch) can decide alone: null when it cannot — a second
 * approver given, no account or fund yet, the totals not read with the account's version — else the decision, its
 * write paying only if the account still has the xmin the caps were judged on.
 */
export function decideUnlocked(p: PreparedAward, ctx: AwardContext): Decision | null {
  const account = ctx.residentAccountId;
  if (p.input.secondApproverUserId != null || account === null || ctx.residentXmin === null || !ctx.state || !ctx.fundReady) return null;
  const d = decide(p, ctx, ctx.state, account);
  return d.kind === 'write' ? { ...d, write: { ...d.write, seenXmin: ctx.residentXmin } } : d;
}

/** What both paths decide from the context and the resident's totals: a replay, a second approval, or a write. */
export function decide(p: PreparedAward, ctx: AwardContext, state: ResidentState, residentId: number): Decision {
  const { input, requested, now, clock } = p;
  const key = ctx.awardKey;
  if (state.existingId !== null) {
    return { kind: 'replay', result: { status: 'paid', transferId: state.existingId, amount: state.existingAmount, idempotencyKey: key, replayed: true, discreet: isDiscreet(ctx, input) } };
  }
  const evaluation = evaluateAward({
    rules: ctx.ruleSet.body,
    contribution: toContribution(input.contribution, { categoryKey: ctx.categoryKey, baseAward: ctx.baseAward, timeZone: input.timeZone ?? 'Asia/Shanghai' }),
    requested,
    totals: { today: state.today, thisMonth: state.month, activityToday: state.activityToday },
    fundRemaining: state.fundBalance,
  });
  const discreet = isDiscreet(ctx, input);
  if (evaluation.refused) throw refusal(evaluation.refused, { discreet });
  if (evaluation.needsSecondApprover && input.secondApproverUserId == null) return { kind: 'second', evaluation };

  // Absent fields are left out (not null): the reason is stored with every transfer, and commits wait on WAL bytes.
  const reason = {
    rule: evaluation.rule,
    ruleSetId: ctx.ruleSet.id,
    ruleSetVersion: ctx.ruleSet.version,
    fundPeriod: clock.period,
    source: sourceOf(input, ctx),
    approverUserId: input.approverUserId,
    secondApproverUserId: input.secondApproverUserId ?? undefined,
    note: input.note,
    requested,
    clampedFrom: evaluation.clampedFrom,
    cappedBy: evaluation.cappedBy,
    cappedFrom: evaluation.cappedFrom,
  };
  const write: AwardWrite = {
    communityId: input.communityId, period: clock.period, residentId, amount: evaluation.amount, key, reason, createdBy: input.approverUserId, now,
    expiresAt: addMonths(now, ctx.ruleSet.body.expiry.months), sliceId: null, seenXmin: null,
    // The audit row names the transfer (target = its key, which holds the full reason) and what was decided.
    audit: {
      amount: evaluation.amount, rule: evaluation.rule, ruleSetVersion: ctx.ruleSet.version, cappedBy: evaluation.cappedBy,
      secondApproverUserId: input.secondApproverUserId ?? undefined, recipientUserId: ctx.anonymous ? null : ctx.recipientUserId,
    },
  };
  return { kind: 'write', write, evaluation, discreet };
}

export type Decision =
  | { kind: 'replay'; result: AwardResult }
  | { kind: 'second'; evaluation: Evaluation }
  | { kind: 'write'; write: AwardWrite; evaluation: Evaluation; discreet: boolean };

/** One award through writeAwards: the AlreadyPaid rollback when a racer paid the key first. */
async function writeAward(tx: DbOrTx, o: AwardWrite): Promise<number | 'stale' | 'no_slice'> {
  const [w] = await writeAwards(tx, [o]);
  if (w === 'paid') throw new AlreadyPaid();
  return w;
}

async function requestSecondApproval(tx: DbOrTx, input: AwardInput, key: string, evaluation: Evaluation): Promise<AwardResult> {
  const values = {
    communityId: input.communityId, idempotencyKey: key, amount: evaluation.base, requestedBy: input.approverUserId,
    input: { contribution: contributionJson(input.contribution), amount: input.amount ?? null, note: input.note ?? null, requestKey: input.requestKey ?? null },
  };
  const [made] = await tx.insert(pointAwardRequests).values(values).onConflictDoNothing().returning({ id: pointAwardRequests.id });
  if (made) {
    await recordAudit(tx, {
      actorUserId: input.approverUserId, communityId: input.communityId, action: 'points.award.request', targetType: 'point_award_request',
      targetId: made.id, after: { key, amount: evaluation.base, rule: evaluation.rule },
    });
  }
  const id = made?.id ?? (await tx.select({ id: pointAwardRequests.id }).from(pointAwardRequests).where(eq(pointAwardRequests.idempotencyKey, key)))[0].id;
  return { status: 'pending_second_approval', requestId: id, amount: evaluation.base, idempotencyKey: key, evaluation };
}

function sourceOf(input: AwardInput, ctx: AwardContext): Record<string, unknown> {
  const c = input.contribution;
  if ('submissionId' in c) return { type: 'submission', id: c.submissionId, trackingNo: ctx.trackingNo };
  if (c.kind === 'patrol') return { type: 'patrol_shift', id: String(c.shiftId), start: c.start.toISOString(), end: c.end.toISOString() };
  return { type: 'activity', id: String(c.activityId), hours: c.hours };
}

export function refusal(r: Refusal, opts: { discreet?: boolean } = {}): AppError {
  // Which cap and its size would tell what the anonymous author already has today or this month.
  if (opts.discreet && r.reason === 'cap_reached') return new AppError('conflict', 'points.err.capAnonymous');
  // The amount needed is the capped amount, which would tell the same.
  if (opts.discreet && r.reason === 'fund_exhausted') return new AppError('conflict', { key: 'points.err.fundExhaustedDiscreet', params: { remaining: r.remaining } });
  switch (r.reason) {
    case 'fund_exhausted':
      return new AppError('conflict', { key: 'points.err.fundExhausted', params: { remaining: r.remaining, amount: r.amount } });
    case 'cap_reached': {
      const key = r.cap === 'day' ? 'points.err.capDay' : r.cap === 'month' ? 'points.err.capMonth' : 'points.err.capActivityDay';
      return new AppError('conflict', { key, params: { cap: r.limit } });
    }
    case 'unknown_category':
      return new AppError('validation', { key: 'points.err.unknownCategory', params: { category: r.category } });
    case 'nothing_to_award':
      return new AppError('validation', 'points.err.nothingToAward');
    case 'bad_hours':
      return new AppError('validation', 'points.err.hoursInvalid', { hours: { key: 'points.err.hoursInvalid' } });
    case 'bad_shift':
      return new AppError('validation', 'points.err.shiftInvalid', { end: { key: 'points.err.shiftInvalid' } });
  }
}
