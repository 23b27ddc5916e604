// Holds (two-phase redemption), reversals, expiry by credit lots and reconciliation on real PostgreSQL.
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, pointAccounts, pointLots, pointTransfers } from '../../src/db/schema';
import { AppError } from '../../src/domain/errors';
import { awardPoints } from '../../src/domain/points/award-points';
import { FUND_SLICES } from '../../src/domain/points/ensure-period-fund';
import { expireLots } from '../../src/domain/points/expire-lots';
import { holdPoints } from '../../src/domain/points/hold-points';
import { postHold } from '../../src/domain/points/post-hold';
import { reconcileBalances } from '../../src/domain/points/reconcile-balances';
import { reverseTransfer } from '../../src/domain/points/reverse-transfer';
import { voidHold } from '../../src/domain/points/void-hold';
import { useTestDatabase } from '../helpers/db';
import { ledgerInvariants, makePointsWorld, makeSubmission } from '../helpers/points';

const t = useTestDatabase();

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

/** A resident with three 30-point lots awarded in March, January and February 2026 (so expiring in that order: Jan, Feb, Mar 2028). */
async function residentWithLots() {
  const w = await makePointsWorld(t.db, { residents: 1 });
  const r = w.residents[0];
  const lots: Record<string, number> = {};
  for (const [name, at] of [['mar', '2026-03-10T04:00:00Z'], ['jan', '2026-01-10T04:00:00Z'], ['feb', '2026-02-10T04:00:00Z']] as const) {
    const s = await makeSubmission(t.db, { communityId: w.community.id, authorUserId: r.id, ruleSetId: w.ruleSet.id });
    const res = await awardPoints(t.db, { communityId: w.community.id, approverUserId: w.approver.id, contribution: { kind: 'submission', submissionId: s.id }, now: new Date(at) });
    if (res.status !== 'paid') throw new Error('expected paid');
    lots[name] = res.transferId;
  }
  const remaining = async () => {
    const rows = await t.db.select({ transferId: pointLots.transferId, remaining: pointLots.remaining }).from(pointLots);
    const by = new Map(rows.map((x) => [x.transferId, x.remaining]));
    return { jan: by.get(lots.jan), feb: by.get(lots.feb), mar: by.get(lots.mar) };
  };
  const balances = async () => {
    const rows = await t.db.select().from(pointAccounts).where(eq(pointAccounts.communityId, w.community.id));
    return Object.fromEntries(rows.filter((a) => a.kind !== 'budget' && a.kind !== 'fund').map((a) => [a.kind, a.balance]));
  };
  return { ...w, r, lots, remaining, balances };
}

const NOW = new Date('2026-11-20T04:00:00Z');

describe('holds: two-phase redemption', () => {
  it('holds from the soonest-expiring lots, voids back into the same lots, and settles each hold once', async () => {
    const w = await residentWithLots();
    const hold = (amount: unknown, key = 'hold:redemption:1') =>
      holdPoints(t.db, { communityId: w.community.id, userId: w.r.id, amount, idempotencyKey: key, reason: { type: 'redemption', id: 1 }, now: NOW });

    const h = await hold(40);
    expect(h).toMatchObject({ amount: 40, replayed: false });
    expect(await w.remaining()).toEqual({ jan: 0, feb: 20, mar: 30 });
    expect(await w.balances()).toEqual({ resident: 50, hold: 40 });
    expect(await hold(40)).toEqual({ ...h, replayed: true });
    expect((await refusal(hold(41))).msg.key).toBe('points.err.keyReused');
    expect((await refusal(hold(51, 'hold:redemption:2'))).msg).toEqual({ key: 'points.err.insufficient', params: { available: 50, amount: 51 } });
    for (const bad of [-1, 0, 0.5, '10', null]) expect((await refusal(hold(bad, 'hold:bad'))).status).toBe(422);

    const v = await voidHold(t.db, { communityId: w.community.id, holdTransferId: h.transferId, note: '取消兑换' });
    expect(v).toMatchObject({ amount: 40, replayed: false });
    expect(await w.remaining()).toEqual({ jan: 30, feb: 30, mar: 30 });
    expect(await w.balances()).toEqual({ resident: 90, hold: 0 });
    expect(await voidHold(t.db, { communityId: w.community.id, holdTransferId: h.transferId })).toMatchObject({ transferId: v.transferId, replayed: true });
    expect((await refusal(postHold(t.db, { communityId: w.community.id, holdTransferId: h.transferId }))).msg.key).toBe('points.err.holdVoided');

    const h2 = await hold(20, 'hold:redemption:3');
    const p = await postHold(t.db, { communityId: w.community.id, holdTransferId: h2.transferId, actorUserId: w.approver.id });
    expect(await w.balances()).toEqual({ resident: 70, hold: 0, redemption: 20 });
    expect(await postHold(t.db, { communityId: w.community.id, holdTransferId: h2.transferId })).toMatchObject({ transferId: p.transferId, replayed: true });
    expect((await refusal(voidHold(t.db, { communityId: w.community.id, holdTransferId: h2.transferId }))).msg.key).toBe('points.err.holdPosted');
    expect((await refusal(postHold(t.db, { communityId: w.community.id + 1, holdTransferId: h2.transferId }))).status).toBe(404);
    expect((await refusal(postHold(t.db, { communityId: w.community.id, holdTransferId: w.lots.jan }))).msg.key).toBe('points.err.notHold');
    expect(await ledgerInvariants(t.db, w.community.id)).toMatchObject({ differences: [], totalOfBalances: 0, negatives: 0, multiSettled: 0 });
  });

  it('a racing post and void of one hold: exactly one wins', async () => {
    const w = await residentWithLots();
    for (let i = 0; i < 10; i++) {
      const h = await holdPoints(t.db, { communityId: w.community.id, userId: w.r.id, amount: 5, idempotencyKey: `hold:race:${i}`, reason: { type: 'redemption' }, now: NOW });
      const out = await Promise.allSettled([
        postHold(t.db, { communityId: w.community.id, holdTransferId: h.transferId }),
        voidHold(t.db, { communityId: w.community.id, holdTransferId: h.transferId }),
      ]);
      expect(out.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const rejected = out.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toBeInstanceOf(AppError);
    }
    expect(await ledgerInvariants(t.db, w.community.id)).toMatchObject({ differences: [], negatives: 0, multiSettled: 0 });
  });
});

describe('reverseTransfer', () => {
  it('undoes an award with a new transfer back to its fund, taking the award’s own lot first; audited; once', async () => {
    const w = await residentWithLots();
    const [fundBefore] = await t.db.select().from(pointTransfers).where(eq(pointTransfers.id, w.lots.mar));
    const r = await reverseTransfer(t.db, { communityId: w.community.id, transferId: w.lots.mar, actorUserId: w.second.id, reason: '  线索不实  ', now: NOW });
    expect(r).toMatchObject({ amount: 30, replayed: false });
    expect(await w.remaining()).toEqual({ jan: 30, feb: 30, mar: 0 });
    const [rev] = await t.db.select().from(pointTransfers).where(eq(pointTransfers.id, r.transferId));
    expect(rev).toMatchObject({ kind: 'reversal', fromAccountId: fundBefore.toAccountId, toAccountId: fundBefore.fromAccountId, settlesTransferId: w.lots.mar });
    expect(rev.reason).toMatchObject({ note: '线索不实', reversesTransferId: w.lots.mar });
    const [original] = await t.db.select().from(pointTransfers).where(eq(pointTransfers.id, w.lots.mar));
    expect(original).toEqual(fundBefore); // nothing is edited
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'points.reverse'), eq(auditLog.targetId, String(w.lots.mar))));
    expect(audit).toHaveLength(1);
    expect(audit[0].actorUserId).toBe(w.second.id);
    expect(await reverseTransfer(t.db, { communityId: w.community.id, transferId: w.lots.mar, actorUserId: w.second.id, reason: 'again', now: NOW })).toMatchObject({
      transferId: r.transferId, replayed: true,
    });
    expect((await refusal(reverseTransfer(t.db, { communityId: w.community.id, transferId: w.lots.jan, actorUserId: w.second.id, reason: ' ' }))).status).toBe(422);
    expect((await refusal(reverseTransfer(t.db, { communityId: w.community.id, transferId: r.transferId, actorUserId: w.second.id, reason: 'x' }))).msg.key).toBe('points.err.notReversible');
    expect((await refusal(reverseTransfer(t.db, { communityId: w.community.id + 1, transferId: w.lots.jan, actorUserId: w.second.id, reason: 'x' }))).status).toBe(404);

    // Spent points cannot be reversed: the balance never goes negative.
    await holdPoints(t.db, { communityId: w.community.id, userId: w.r.id, amount: 45, idempotencyKey: 'hold:spend', reason: { type: 'redemption' }, now: NOW });
    const e = await refusal(reverseTransfer(t.db, { communityId: w.community.id, transferId: w.lots.jan, actorUserId: w.second.id, reason: '误发', now: NOW }));
    expect(e.msg).toEqual({ key: 'points.err.alreadySpent', params: { amount: 30, available: 15 } });
    expect(await ledgerInvariants(t.db, w.community.id)).toMatchObject({ differences: [], totalOfBalances: 0, negatives: 0 });
  });
});

describe('expireLots', () => {
  it('expires what is left of each lot at its date, soonest first, once; expired points cannot be held', async () => {
    const w = await residentWithLots();
    await holdPoints(t.db, { communityId: w.community.id, userId: w.r.id, amount: 10, idempotencyKey: 'hold:x', reason: { type: 'redemption' }, now: NOW });
    expect(await w.remaining()).toEqual({ jan: 20, feb: 30, mar: 30 });
    const at = new Date('2028-01-15T00:00:00Z'); // after January's lot expired, before February's
    expect(await expireLots(t.db, { now: at, communityId: w.community.id })).toEqual({ accounts: 1, points: 20 });
    expect(await w.remaining()).toEqual({ jan: 0, feb: 30, mar: 30 });
    expect(await w.balances()).toEqual({ resident: 60, hold: 10, expired: 20 });
    expect(await expireLots(t.db, { now: at, communityId: w.community.id })).toEqual({ accounts: 0, points: 0 });
    const late = new Date('2028-02-20T00:00:00Z');
    expect((await refusal(holdPoints(t.db, { communityId: w.community.id, userId: w.r.id, amount: 31, idempotencyKey: 'hold:late', reason: { type: 'r' }, now: late }))).msg).toEqual({
      key: 'points.err.insufficient', params: { available: 30, amount: 31 },
    });
    expect(await expireLots(t.db, { now: late, communityId: w.community.id })).toEqual({ accounts: 1, points: 30 });
    expect(await w.balances()).toEqual({ resident: 30, hold: 10, expired: 50 });
    expect(await ledgerInvariants(t.db, w.community.id)).toMatchObject({ differences: [], totalOfBalances: 0, negatives: 0 });
  });
});

describe('reconcileBalances', () => {
  it('finds no difference on a clean ledger and reports a tampered cached balance', async () => {
    const w = await residentWithLots();
    const clean = await reconcileBalances(t.db, { communityId: w.community.id });
    expect(clean).toMatchObject({ differences: [], totalOfBalances: 0 });
    expect(clean.transfers).toBe(3 * FUND_SLICES + 3); // Jan–Mar funds (budget slices) + 3 awards
    await t.db.execute(sql`update point_accounts set balance = balance + 5 where community_id = ${w.community.id} and kind = 'resident'`);
    const bad = await reconcileBalances(t.db, { communityId: w.community.id });
    expect(bad.differences).toEqual([
      expect.objectContaining({ kind: 'resident', ownerUserId: w.r.id, cached: 95, computed: 90, lots: 90 }),
    ]);
    await t.db.execute(sql`update point_accounts set balance = balance - 5 where community_id = ${w.community.id} and kind = 'resident'`);
  });
});
