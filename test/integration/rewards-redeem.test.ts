// 积分超市 on real PostgreSQL: the races (1,000 residents for 100 units, 50 taps, two clerks) and the bad inputs,
// each refused in Chinese with no change to points, stock or seats; every test ends with the ledger and stock reconciled.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { pointAccounts, pointLots, pointTransfers, rewardItems, rewardSessions, rewardVouchers } from '../../src/db/schema';
import type { StaffScope } from '../../src/domain/auth/staff-scope';
import { AppError } from '../../src/domain/errors';
import { cancelVoucher } from '../../src/domain/rewards/cancel-voucher';
import { handOver } from '../../src/domain/rewards/hand-over';
import { redeem, type RedeemInput } from '../../src/domain/rewards/redeem';
import { makeCommunity, makeResident, makeStaff } from '../helpers/builders';
import { useTestDatabase } from '../helpers/db';
import { ledgerInvariants } from '../helpers/points';
import { creditPoints, makeCourse, makeGoods, rewardsInvariants } from '../helpers/rewards';

const t = useTestDatabase({ max: 20 });
const TZ = 'Asia/Shanghai';

const balanceOf = async (communityId: number, userId: number) => {
  const [r] = await t.db.select().from(pointAccounts).where(and(eq(pointAccounts.communityId, communityId), eq(pointAccounts.ownerUserId, userId), eq(pointAccounts.kind, 'resident')));
  return r?.balance ?? 0;
};
const stockOf = async (itemId: number) => (await t.db.select().from(rewardItems).where(eq(rewardItems.id, itemId)))[0].stock;
const input = (communityId: number, userId: number, itemId: number, extra: Partial<RedeemInput> = {}): RedeemInput => ({ communityId, userId, itemId, validDays: 14, timeZone: TZ, ...extra });

/** Only refusals (AppError) are expected: a deadlock, check violation or unique violation would surface here. */
function onlyRefusals(results: PromiseSettledResult<unknown>[]) {
  const unexpected = results.filter((r) => r.status === 'rejected' && !(r.reason instanceof AppError)) as PromiseRejectedResult[];
  expect(unexpected.map((r) => String(r.reason?.stack ?? r.reason)).slice(0, 3)).toEqual([]);
}
const refusalKeys = (results: PromiseSettledResult<unknown>[]) =>
  [...new Set(results.filter((r) => r.status === 'rejected').map((r) => ((r as PromiseRejectedResult).reason as AppError).msg.key))];

async function expectRefused(p: Promise<unknown>, key: string) {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err, key).toBeInstanceOf(AppError);
  expect((err as AppError).msg.key).toBe(key);
  expect((err as AppError).status).toBeGreaterThanOrEqual(400);
  expect((err as AppError).status).toBeLessThan(500);
}

async function world(points = 500) {
  const community = await makeCommunity(t.db);
  const resident = await makeResident(t.db);
  await creditPoints(t.db, community.id, [resident.id], points);
  const clerk = await makeStaff(t.db, { communityId: community.id, role: 'clerk' });
  const scope: StaffScope = [{ communityId: community.id, communityName: community.name, role: 'clerk', gridIds: null }];
  return { community, resident, clerk: clerk.user, scope };
}

describe('redemption races on real PostgreSQL', () => {
  it('1,000 residents redeem one item with stock 100 at once → exactly 100 holds, 900 clear refusals, stock 0', async () => {
    const community = await makeCommunity(t.db);
    const residents = await Promise.all(Array.from({ length: 1000 }, () => makeResident(t.db)));
    await creditPoints(t.db, community.id, residents.map((r) => r.id), 100);
    const item = await makeGoods(t.db, community.id, { price: 100, stock: 100 });
    const results = await Promise.allSettled(residents.map((r) => redeem(t.db, input(community.id, r.id, item.id))));
    onlyRefusals(results);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(100);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(900);
    expect(refusalKeys(results)).toEqual(['rewards.err.soldOut']);
    expect(await stockOf(item.id)).toBe(0);
    const holds = await t.db.select().from(pointTransfers).where(and(eq(pointTransfers.communityId, community.id), eq(pointTransfers.kind, 'hold')));
    expect(holds).toHaveLength(100);
    expect(await t.db.select().from(rewardVouchers).where(eq(rewardVouchers.itemId, item.id))).toHaveLength(100);
    expect(await ledgerInvariants(t.db, community.id)).toMatchObject({ differences: [], negatives: 0, totalOfBalances: 0 });
    expect(await rewardsInvariants(t.db, community.id)).toEqual([]);
  }, 120_000);

  it('one resident with points for exactly one unit taps redeem 50 times at once → one hold', async () => {
    const w = await world(100);
    const item = await makeGoods(t.db, w.community.id, { price: 100, stock: 20 });
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => redeem(t.db, input(w.community.id, w.resident.id, item.id))));
    onlyRefusals(results);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(refusalKeys(results)).toEqual(['rewards.err.notEnough']);
    expect(await stockOf(item.id)).toBe(19);
    expect(await balanceOf(w.community.id, w.resident.id)).toBe(0);
    expect(await ledgerInvariants(t.db, w.community.id)).toMatchObject({ differences: [], negatives: 0 });
    expect(await rewardsInvariants(t.db, w.community.id)).toEqual([]);
  });

  it('the same confirmation posted 50 times (one request key) → one voucher, every answer the same voucher', async () => {
    const w = await world(1000);
    const item = await makeGoods(t.db, w.community.id, { price: 100, stock: 20 });
    const results = await Promise.all(Array.from({ length: 50 }, () => redeem(t.db, input(w.community.id, w.resident.id, item.id, { requestKey: 'tap-key-123456' }))));
    expect(new Set(results.map((r) => r.voucherId)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await stockOf(item.id)).toBe(19);
    expect(await balanceOf(w.community.id, w.resident.id)).toBe(900);
  });

  it('two clerks confirm one voucher at once → one hand-over, one posting', async () => {
    const w = await world(300);
    const admin = await makeStaff(t.db, { communityId: w.community.id, role: 'community_admin' });
    const adminScope: StaffScope = [{ communityId: w.community.id, communityName: w.community.name, role: 'community_admin', gridIds: null }];
    const item = await makeGoods(t.db, w.community.id, { price: 100, stock: 5 });
    const v = await redeem(t.db, input(w.community.id, w.resident.id, item.id));
    for (let round = 0; round < 5; round++) {
      const again = round === 0 ? v : await redeem(t.db, input(w.community.id, w.resident.id, item.id));
      if (round >= 2) break; // points for three; two rounds are enough to race twice
      const results = await Promise.allSettled([
        handOver(t.db, { actorUserId: w.clerk.id, scope: w.scope, code: again.code, timeZone: TZ }),
        handOver(t.db, { actorUserId: admin.user.id, scope: adminScope, code: again.code.toLowerCase(), timeZone: TZ }),
      ]);
      onlyRefusals(results);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(refusalKeys(results)).toEqual(['rewards.err.alreadyHandedOver']);
    }
    const posts = await t.db.select().from(pointTransfers).where(and(eq(pointTransfers.communityId, w.community.id), eq(pointTransfers.kind, 'post')));
    expect(posts).toHaveLength(2);
    expect(await ledgerInvariants(t.db, w.community.id)).toMatchObject({ differences: [], negatives: 0 });
    expect(await rewardsInvariants(t.db, w.community.id)).toEqual([]);
  });
});

describe('cancel and hand-over', () => {
  it('cancel before hand-over releases points (into the same lots) and stock in one go; the soonest-expiring lot is spent first', async () => {
    const community = await makeCommunity(t.db);
    const resident = await makeResident(t.db);
    await creditPoints(t.db, community.id, [resident.id], 80, new Date(Date.now() + 200 * 86_400_000));
    await creditPoints(t.db, community.id, [resident.id], 80, new Date(Date.now() + 20 * 86_400_000));
    const item = await makeGoods(t.db, community.id, { price: 100, stock: 3 });
    const v = await redeem(t.db, input(community.id, resident.id, item.id));
    const lots = await t.db.select().from(pointLots).orderBy(pointLots.expiresAt);
    const mine = lots.filter((l) => l.amount === 80).slice(-2);
    expect(mine.map((l) => l.remaining)).toEqual([0, 60]); // 80 from the lot expiring in 20 days, then 20 from the other
    expect(await stockOf(item.id)).toBe(2);
    await cancelVoucher(t.db, { userId: resident.id, voucherId: v.voucherId });
    expect(await stockOf(item.id)).toBe(3);
    expect(await balanceOf(community.id, resident.id)).toBe(160);
    const after = await t.db.select().from(pointLots);
    expect(after.filter((l) => mine.some((m) => m.id === l.id)).map((l) => l.remaining)).toEqual([80, 80]);
    await expectRefused(cancelVoucher(t.db, { userId: resident.id, voucherId: v.voucherId }), 'rewards.err.alreadyCancelled');
    expect(await rewardsInvariants(t.db, community.id)).toEqual([]);
    expect(await ledgerInvariants(t.db, community.id)).toMatchObject({ differences: [], negatives: 0 });
  });
});

describe('bad input → a clear refusal, no change to points, stock or seats', () => {
  it('goods: not enough points, over the monthly limit, sold out, withdrawn, unknown ids', async () => {
    const w = await world(250);
    const dear = await makeGoods(t.db, w.community.id, { price: 300, stock: 5 });
    await expectRefused(redeem(t.db, input(w.community.id, w.resident.id, dear.id)), 'rewards.err.notEnough');
    const limited = await makeGoods(t.db, w.community.id, { price: 50, stock: 5, monthlyLimit: 2 });
    await redeem(t.db, input(w.community.id, w.resident.id, limited.id));
    await redeem(t.db, input(w.community.id, w.resident.id, limited.id));
    await expectRefused(redeem(t.db, input(w.community.id, w.resident.id, limited.id)), 'rewards.err.monthlyLimit');
    const gone = await makeGoods(t.db, w.community.id, { price: 10, stock: 0 });
    await expectRefused(redeem(t.db, input(w.community.id, w.resident.id, gone.id)), 'rewards.err.soldOut');
    const ended = await makeGoods(t.db, w.community.id, { price: 10, stock: 5, activeTo: new Date(Date.now() - 1000) });
    await expectRefused(redeem(t.db, input(w.community.id, w.resident.id, ended.id)), 'rewards.err.notOnOffer');
    for (const bad of ['abc', '-1', '1.5', '0', "1' or 1=1", 99_999_999, null]) {
      await expectRefused(redeem(t.db, input(w.community.id, w.resident.id, limited.id, { itemId: bad })), 'rewards.err.itemNotFound');
    }
    // Another community's item reads as missing.
    const other = await makeCommunity(t.db);
    const elsewhere = await makeGoods(t.db, other.id, { price: 10, stock: 5 });
    await expectRefused(redeem(t.db, input(w.community.id, w.resident.id, elsewhere.id)), 'rewards.err.itemNotFound');
    expect(await balanceOf(w.community.id, w.resident.id)).toBe(150);
    expect([await stockOf(dear.id), await stockOf(limited.id), await stockOf(gone.id), await stockOf(ended.id), await stockOf(elsewhere.id)]).toEqual([5, 3, 0, 5, 5]);
    expect(await rewardsInvariants(t.db, w.community.id)).toEqual([]);
  });

  it('courses: a session in the past or full, one seat per course, cancel within 24 h', async () => {
    const w = await world(500);
    const other = await makeResident(t.db);
    await creditPoints(t.db, w.community.id, [other.id], 500);
    const course = await makeCourse(t.db, w.community.id, { seats: 1, sessions: 2, startsAt: new Date(Date.now() + 3 * 86_400_000) });
    const [first, second] = course.sessions;
    const booked = await redeem(t.db, input(w.community.id, w.resident.id, course.item.id, { sessionId: first.id }));
    await expectRefused(redeem(t.db, input(w.community.id, other.id, course.item.id, { sessionId: first.id })), 'rewards.err.sessionFull');
    await expectRefused(redeem(t.db, input(w.community.id, w.resident.id, course.item.id, { sessionId: second.id })), 'rewards.err.oneSeat');
    await expectRefused(redeem(t.db, input(w.community.id, w.resident.id, course.item.id)), 'rewards.err.pickSession');
    const past = await makeCourse(t.db, w.community.id, { startsAt: new Date(Date.now() - 3600_000) });
    await expectRefused(redeem(t.db, input(w.community.id, other.id, past.item.id, { sessionId: past.sessions[0].id })), 'rewards.err.sessionPast');
    // A session of another course is not this course's session.
    await expectRefused(redeem(t.db, input(w.community.id, other.id, course.item.id, { sessionId: past.sessions[0].id })), 'rewards.err.sessionNotFound');
    const soon = await makeCourse(t.db, w.community.id, { startsAt: new Date(Date.now() + 6 * 3600_000) });
    const late = await redeem(t.db, input(w.community.id, other.id, soon.item.id, { sessionId: soon.sessions[0].id }));
    await expectRefused(cancelVoucher(t.db, { userId: other.id, voucherId: late.voucherId }), 'rewards.err.cancelTooLate');
    // Cancelling ≥ 24 h ahead gives the seat back: now the other resident can book it.
    await cancelVoucher(t.db, { userId: w.resident.id, voucherId: booked.voucherId });
    await redeem(t.db, input(w.community.id, other.id, course.item.id, { sessionId: first.id }));
    const seats = await t.db.select().from(rewardSessions).where(eq(rewardSessions.itemId, course.item.id)).orderBy(rewardSessions.id);
    expect(seats.map((s) => s.seatsLeft)).toEqual([0, 1]);
    expect(await balanceOf(w.community.id, w.resident.id)).toBe(500);
    expect(await rewardsInvariants(t.db, w.community.id)).toEqual([]);
    expect(await ledgerInvariants(t.db, w.community.id)).toMatchObject({ differences: [], negatives: 0 });
  });

  it("vouchers: another resident's, handed over already, expired, wrong or ambiguous characters, another community's clerk", async () => {
    const w = await world(500);
    const item = await makeGoods(t.db, w.community.id, { price: 100, stock: 5 });
    const v = await redeem(t.db, input(w.community.id, w.resident.id, item.id));
    const stranger = await makeResident(t.db);
    await expectRefused(cancelVoucher(t.db, { userId: stranger.id, voucherId: v.voucherId }), 'rewards.err.voucherNotFound');
    for (const [code, key] of [
      ['', 'rewards.err.codeEmpty'], ['ABC', 'rewards.err.codeFormat'], ['ABCD23456', 'rewards.err.codeFormat'], ['ABCD-O234', 'rewards.err.codeAmbiguous'],
      ['ABCD1234', 'rewards.err.codeAmbiguous'], ['<script>', 'rewards.err.codeFormat'], ['ABCD 234中', 'rewards.err.codeFormat'],
    ] as const) {
      await expectRefused(handOver(t.db, { actorUserId: w.clerk.id, scope: w.scope, code, timeZone: TZ }), key);
    }
    await expectRefused(handOver(t.db, { actorUserId: w.clerk.id, scope: w.scope, code: 'ZZZZ2222', timeZone: TZ }), 'rewards.err.voucherNotFound');
    const other = await makeCommunity(t.db);
    const otherScope: StaffScope = [{ communityId: other.id, communityName: other.name, role: 'clerk', gridIds: null }];
    await expectRefused(handOver(t.db, { actorUserId: w.clerk.id, scope: otherScope, code: v.code, timeZone: TZ }), 'rewards.err.voucherNotFound');
    const gridWorker: StaffScope = [{ communityId: w.community.id, communityName: w.community.name, role: 'grid_worker', gridIds: null }];
    await expectRefused(handOver(t.db, { actorUserId: w.clerk.id, scope: gridWorker, code: v.code, timeZone: TZ }), 'rewards.err.voucherNotFound');
    // Expired (the job has not run yet): refused all the same.
    await expectRefused(handOver(t.db, { actorUserId: w.clerk.id, scope: w.scope, code: v.code, timeZone: TZ, now: new Date(Date.now() + 15 * 86_400_000) }), 'rewards.err.expired');
    expect(await balanceOf(w.community.id, w.resident.id)).toBe(400);
    await handOver(t.db, { actorUserId: w.clerk.id, scope: w.scope, code: `http://x/clerk?code=${v.code}`, timeZone: TZ });
    await expectRefused(handOver(t.db, { actorUserId: w.clerk.id, scope: w.scope, code: v.code, timeZone: TZ }), 'rewards.err.alreadyHandedOver');
    await expectRefused(cancelVoucher(t.db, { userId: w.resident.id, voucherId: v.voucherId }), 'rewards.err.alreadyHandedOver');
    expect(await stockOf(item.id)).toBe(4);
    expect(await rewardsInvariants(t.db, w.community.id)).toEqual([]);
    expect(await ledgerInvariants(t.db, w.community.id)).toMatchObject({ differences: [], negatives: 0 });
  });
});
