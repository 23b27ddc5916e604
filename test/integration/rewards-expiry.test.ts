// Expiry and courses on real PostgreSQL: uncollected goods go back with an inbox notice, unused course seats become
// no-shows (release or forfeit per rule set) that block bookings at the limit, attendance posts the hold, held points
// never expire under the points expiry job, and the nightly reconciliation catches a hold without a voucher.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { notifications, pointAccounts, pointTransfers, rewardItems, rewardSessions, rewardVouchers } from '../../src/db/schema';
import type { StaffScope } from '../../src/domain/auth/staff-scope';
import { AppError } from '../../src/domain/errors';
import { expireLots } from '../../src/domain/points/expire-lots';
import { holdPoints } from '../../src/domain/points/hold-points';
import { reconcileLedger } from '../../src/domain/points/reconcile-ledger';
import { expireVouchers } from '../../src/domain/rewards/expire-vouchers';
import { handOver } from '../../src/domain/rewards/hand-over';
import { redeem } from '../../src/domain/rewards/redeem';
import { makeCommunity, makeResident } from '../helpers/builders';
import { useTestDatabase } from '../helpers/db';
import { ledgerInvariants, makeRuleSet } from '../helpers/points';
import { creditPoints, makeCourse, makeGoods, rewardsInvariants } from '../helpers/rewards';

const t = useTestDatabase({ max: 10 });
const TZ = 'Asia/Shanghai';
const DAY = 86_400_000;
const balance = async (userId: number) => (await t.db.select().from(pointAccounts).where(and(eq(pointAccounts.ownerUserId, userId), eq(pointAccounts.kind, 'resident'))))[0].balance;

describe('voucher expiry', () => {
  it('an uncollected goods voucher expires: points and unit back, 已过期, an inbox notice; a re-run does nothing', async () => {
    const c = await makeCommunity(t.db);
    const r = await makeResident(t.db);
    await creditPoints(t.db, c.id, [r.id], 200);
    const item = await makeGoods(t.db, c.id, { price: 150, stock: 1 });
    const v = await redeem(t.db, { communityId: c.id, userId: r.id, itemId: item.id, validDays: 14, timeZone: TZ });
    expect(await expireVouchers(t.db, { timeZone: TZ, now: new Date(Date.now() + 13 * DAY) })).toEqual({ expired: 0, noShows: 0 });
    const later = new Date(Date.now() + 15 * DAY);
    const res = await expireVouchers(t.db, { timeZone: TZ, now: later });
    expect(res.expired).toBeGreaterThanOrEqual(1);
    const [row] = await t.db.select().from(rewardVouchers).where(eq(rewardVouchers.id, v.voucherId));
    expect(row.status).toBe('expired');
    expect(await balance(r.id)).toBe(200);
    expect((await t.db.select().from(rewardItems).where(eq(rewardItems.id, item.id)))[0].stock).toBe(1);
    const inbox = await t.db.select().from(notifications).where(eq(notifications.userId, r.id));
    expect(inbox.map((n) => [n.title, n.link])).toEqual([[`兑换码已过期:${item.name}`, `/me/vouchers/${v.voucherId}`]]);
    await expireVouchers(t.db, { timeZone: TZ, now: later });
    expect(await t.db.select().from(notifications).where(eq(notifications.userId, r.id))).toHaveLength(1);
    expect(await rewardsInvariants(t.db, c.id)).toEqual([]);
    expect(await ledgerInvariants(t.db, c.id)).toMatchObject({ differences: [], negatives: 0 });
  });

  it('held points never expire under the points expiry job; voided, they return to their lot and expire then', async () => {
    const c = await makeCommunity(t.db);
    const r = await makeResident(t.db);
    const lotEnds = new Date(Date.now() + 5 * DAY);
    await creditPoints(t.db, c.id, [r.id], 100, lotEnds);
    const item = await makeGoods(t.db, c.id, { price: 100, stock: 1 });
    const v = await redeem(t.db, { communityId: c.id, userId: r.id, itemId: item.id, validDays: 14, timeZone: TZ });
    const afterLot = new Date(Date.now() + 6 * DAY);
    await expireLots(t.db, { communityId: c.id, now: afterLot });
    expect(await t.db.select().from(pointTransfers).where(and(eq(pointTransfers.communityId, c.id), eq(pointTransfers.kind, 'expiry')))).toHaveLength(0);
    // Handed over while the lot's date has passed: the held points are still all there to post.
    const scope: StaffScope = [{ communityId: c.id, communityName: c.name, role: 'clerk', gridIds: null }];
    await handOver(t.db, { actorUserId: r.id, scope, code: v.code, timeZone: TZ, now: afterLot });
    const [acct] = await t.db.select().from(pointAccounts).where(and(eq(pointAccounts.communityId, c.id), eq(pointAccounts.kind, 'redemption')));
    expect(acct.balance).toBe(100);
    expect(await ledgerInvariants(t.db, c.id)).toMatchObject({ differences: [], negatives: 0, totalOfBalances: 0 });
  });
});

describe('courses', () => {
  it('attendance posts the hold on the session day; a tick before the day is refused', async () => {
    const c = await makeCommunity(t.db);
    const r = await makeResident(t.db);
    await creditPoints(t.db, c.id, [r.id], 100);
    const course = await makeCourse(t.db, c.id, { price: 40, startsAt: new Date(Date.now() + 3 * DAY) });
    const v = await redeem(t.db, { communityId: c.id, userId: r.id, itemId: course.item.id, sessionId: course.sessions[0].id, validDays: 14, timeZone: TZ });
    const organiser: StaffScope = [{ communityId: c.id, communityName: c.name, role: 'organiser', gridIds: null }];
    const early = await handOver(t.db, { actorUserId: r.id, scope: organiser, voucherId: v.voucherId, timeZone: TZ }).catch((e: AppError) => e);
    expect((early as AppError).msg.key).toBe('rewards.err.sessionNotYet');
    await handOver(t.db, { actorUserId: r.id, scope: organiser, voucherId: v.voucherId, timeZone: TZ, now: new Date(course.sessions[0].startsAt.getTime() + 10 * 60_000) });
    const [row] = await t.db.select().from(rewardVouchers).where(eq(rewardVouchers.id, v.voucherId));
    expect(row.status).toBe('handed_over');
    expect(await balance(r.id)).toBe(60);
    expect(await rewardsInvariants(t.db, c.id)).toEqual([]);
  });

  it('no-shows: released or forfeited per rule set, seat kept taken, and at the limit new bookings are refused', async () => {
    for (const noShow of ['release', 'forfeit'] as const) {
      const c = await makeCommunity(t.db);
      await makeRuleSet(t.db, c.id, (b) => void (b.courses = { no_show: noShow, max_no_shows_before_booking_block: 2 }));
      const r = await makeResident(t.db);
      await creditPoints(t.db, c.id, [r.id], 1000);
      const soon = Date.now() + 2 * DAY;
      const courses = [];
      for (let i = 0; i < 3; i++) courses.push(await makeCourse(t.db, c.id, { name: `课程${i}`, price: 50, startsAt: new Date(soon + i * 3600_000) }));
      for (const k of courses.slice(0, 2)) await redeem(t.db, { communityId: c.id, userId: r.id, itemId: k.item.id, sessionId: k.sessions[0].id, validDays: 14, timeZone: TZ });
      const res = await expireVouchers(t.db, { timeZone: TZ, now: new Date(soon + 5 * 3600_000) });
      expect(res.noShows).toBe(2);
      expect(await balance(r.id)).toBe(noShow === 'release' ? 1000 : 900);
      const seats = await t.db.select().from(rewardSessions).where(eq(rewardSessions.id, courses[0].sessions[0].id));
      expect(seats[0].seatsLeft).toBe(9);
      const third = await redeem(t.db, { communityId: c.id, userId: r.id, itemId: courses[2].item.id, sessionId: courses[2].sessions[0].id, validDays: 14, timeZone: TZ, now: new Date(soon - DAY) }).catch((e: AppError) => e);
      expect((third as AppError).msg.key).toBe('rewards.err.noShowBlock');
      const notes = await t.db.select().from(notifications).where(eq(notifications.userId, r.id));
      expect(notes.every((n) => n.title.startsWith('课程未到场'))).toBe(true);
      expect(await rewardsInvariants(t.db, c.id)).toEqual([]);
      expect(await ledgerInvariants(t.db, c.id)).toMatchObject({ differences: [], negatives: 0 });
    }
  });
});

describe('nightly reconciliation covers holds, stock and seats', () => {
  it('a redemption hold without a voucher and stock that does not match its history are reported', async () => {
    const c = await makeCommunity(t.db);
    const r = await makeResident(t.db);
    await creditPoints(t.db, c.id, [r.id], 100);
    const item = await makeGoods(t.db, c.id, { price: 10, stock: 5 });
    expect((await reconcileLedger(t.db, { communityId: c.id })).differences).toEqual([]);
    await holdPoints(t.db, { communityId: c.id, userId: r.id, amount: 10, idempotencyKey: `orphan:${r.id}`, reason: { type: 'redemption', id: item.id } });
    await t.db.update(rewardItems).set({ stock: 4 }).where(eq(rewardItems.id, item.id));
    const report = await reconcileLedger(t.db, { communityId: c.id });
    expect(report.differences.map((d) => d.period?.split(':')[0]).sort()).toEqual(['hold_without_voucher', 'stock']);
  });
});
