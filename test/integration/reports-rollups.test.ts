// Report figures from the rollups equal figures computed by hand on a fixed fixture (October 2026, Asia/Shanghai):
// counts, the three 12345 rates, median/p90 times, overdue, disputes settled per tier, per grid; and the ranking.
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rankingMonthly, reportMonthly, reportPatrolMonthly, reportStaffMonthly, shiftSignups, shifts, submissions, users } from '../../src/db/schema';
import { awardPoints } from '../../src/domain/points/award-points';
import { monthOf, monthRange } from '../../src/domain/reports/months';
import { refreshRollups } from '../../src/domain/reports/refresh-rollups';
import { useTestApp } from '../helpers/app';
import { makeResident } from '../helpers/builders';
import { demoWorld, insertItem, resident, type DemoWorld } from './me-helpers';

const t = useTestApp();
let w: DemoWorld;
const TZ = 'Asia/Shanghai';
const H = 3600_000;
/** 2026-10-05 10:00 in Shanghai. */
const T0 = new Date('2026-10-05T10:00:00+08:00');
const ACK = 24; // the demo rule set's acknowledge SLA, hours

beforeAll(async () => {
  w = await demoWorld(t.deps.database);
  const db = t.deps.db;
  const author = await resident(db, '周桂芳');
  const [worker1] = await db.select().from(users).where(eq(users.username, 'worker1'));
  const add = async (o: { kind?: 'tip' | 'wish'; grid: 'grid1' | 'grid3'; status: string; answerH?: number; resolveH?: number; rating?: number; police?: boolean; settled?: number; refused?: boolean; category?: string }) => {
    const row = await insertItem(db, w, { authorUserId: author.id, kind: o.kind ?? 'tip', grid: o.grid, status: o.status as never, createdAt: T0 });
    await db
      .update(submissions)
      .set({
        firstAnsweredAt: o.answerH === undefined ? null : new Date(T0.getTime() + o.answerH * H),
        resolvedAt: o.resolveH === undefined ? null : new Date(T0.getTime() + o.resolveH * H),
        slaDueAt: new Date(T0.getTime() + 72 * H),
        rating: o.rating ?? null,
        policeRelated: o.police ?? false,
        settledTier: o.settled ?? null,
        autoRefusal: o.refused ? 'garbage' : null,
        categoryKey: o.category ?? (o.kind === 'wish' ? 'wish.elderly_care' : 'tip.fire_hazard'),
        assignedUserId: worker1.id,
      })
      .where(eq(submissions.id, row.id));
  };
  await add({ grid: 'grid1', status: 'resolved', answerH: ACK / 2, resolveH: 48, rating: 5 });
  await add({ grid: 'grid1', status: 'resolved', answerH: ACK * 2, resolveH: 100, rating: 2, police: true, category: 'tip.case_clue' });
  await add({ kind: 'wish', grid: 'grid3', status: 'in_progress', answerH: ACK / 2 });
  await add({ grid: 'grid3', status: 'resolved', answerH: ACK / 2, resolveH: 10, rating: 4, settled: 1, category: 'tip.dispute' });
  await add({ grid: 'grid1', status: 'rejected', answerH: ACK / 2, resolveH: 5 });
  await add({ grid: 'grid1', status: 'resolved', answerH: ACK / 2, resolveH: 20, settled: 2, category: 'tip.dispute' });
  await add({ grid: 'grid1', status: 'rejected', refused: true });
  // Patrols: two activities in October (one cancelled, not counted): 4 sign-ups, 2 turned up (90 + 45 verified
  // minutes, one flagged check-in never counted), 1 no-show, 1 cancelled sign-up.
  const people = await Promise.all([1, 2, 3, 4, 5].map((i) => resident(db, `巡逻员${i}`)));
  const activity = async (status: 'scheduled' | 'cancelled' | 'closed') =>
    (await db.insert(shifts).values({ communityId: w.community.id, kind: 'activity', title: '楼道清理', startsAt: new Date(T0.getTime() + 24 * H), endsAt: new Date(T0.getTime() + 26 * H), capacity: 10, status, leaderSecret: 'x' }).returning())[0];
  const a = await activity('closed');
  const cancelled = await activity('cancelled');
  await db.insert(shiftSignups).values([
    { shiftId: a.id, userId: people[0].id, status: 'confirmed', checkedInAt: new Date(T0.getTime() + 24 * H), creditStatus: 'credited', creditMinutes: 90 },
    { shiftId: a.id, userId: people[1].id, status: 'confirmed', checkedInAt: new Date(T0.getTime() + 24 * H), creditStatus: 'hours_only', creditMinutes: 45 },
    { shiftId: a.id, userId: people[2].id, status: 'confirmed', creditStatus: 'no_show' },
    { shiftId: a.id, userId: people[3].id, status: 'confirmed', checkedInAt: null, creditStatus: 'flagged', creditMinutes: 120 },
    { shiftId: a.id, userId: people[4].id, status: 'cancelled', creditStatus: 'nothing' },
    { shiftId: cancelled.id, userId: people[0].id, status: 'confirmed', creditStatus: 'credited', creditMinutes: 600 },
  ]);
  await refreshRollups(t.deps.db, { timeZone: TZ, communityId: w.community.id, months: ['2026-10'], now: new Date('2026-12-01T00:00:00Z') });
});

const row = async (gridId: number) => (await t.deps.db.select().from(reportMonthly).where(sql`${reportMonthly.communityId} = ${w.community.id} AND ${reportMonthly.month} = '2026-10' AND ${reportMonthly.gridId} = ${gridId}`))[0];

describe('monthly rollup', () => {
  it('month bounds are local', () => {
    expect(monthOf(new Date('2026-10-31T16:30:00Z'), TZ)).toBe('2026-11');
    expect(monthRange('2026-10', TZ).start.toISOString()).toBe('2026-09-30T16:00:00.000Z');
  });

  it('community figures equal the hand-computed ones', async () => {
    const r = await row(0);
    expect(r).toMatchObject({
      items: 6, tips: 5, wishes: 1, police: 1,
      answeredInSla: 5, resolvable: 5, resolved: 4, rated: 3, satisfied: 2, overdue: 2,
      settledTier1: 1, settledTier2: 1, settledTier3: 0,
    });
    // 回应率 5/6, 解决率 4/5, 满意率 2/3.
    expect(r.answeredInSla / r.items).toBeCloseTo(5 / 6);
    expect(r.resolved / r.resolvable).toBeCloseTo(4 / 5);
    expect(r.satisfied / r.rated).toBeCloseTo(2 / 3);
    // First answers [720×5, 2880] min; resolutions [600, 1200, 2880, 6000] min (percentile_cont, linear).
    expect(r.firstAnswerP50Min).toBeCloseTo(720);
    expect(r.firstAnswerP90Min).toBeCloseTo(1800);
    expect(r.resolveP50Min).toBeCloseTo(2040);
    expect(r.resolveP90Min).toBeCloseTo(5064);
  });

  it('per grid', async () => {
    expect(await row(w.grid1.id)).toMatchObject({ items: 4, police: 1, resolved: 3, resolvable: 3, overdue: 1, settledTier2: 1, settledTier1: 0 });
    expect(await row(w.grid3.id)).toMatchObject({ items: 2, wishes: 1, resolved: 1, overdue: 1, settledTier1: 1 });
    const [worker1] = await t.deps.db.select().from(users).where(eq(users.username, 'worker1'));
    const [staff] = await t.deps.db.select().from(reportStaffMonthly).where(sql`${reportStaffMonthly.userId} = ${worker1.id} AND ${reportStaffMonthly.month} = '2026-10'`);
    expect(staff).toMatchObject({ handled: 6, answered: 6, overdue: 2, rated: 3, satisfied: 2 });
    expect(staff.firstAnswerP50Min).toBeCloseTo(720);
  });

  it('patrols and activities: turnout, no-shows and verified hours only', async () => {
    const [p] = await t.deps.db.select().from(reportPatrolMonthly).where(sql`${reportPatrolMonthly.communityId} = ${w.community.id} AND ${reportPatrolMonthly.month} = '2026-10'`);
    expect(p).toMatchObject({ shifts: 1, signups: 4, attended: 2, noShows: 1, verifiedMinutes: 135 });
  });

  it('refreshing again gives the same rows (no double counting)', async () => {
    const before = await row(0);
    await refreshRollups(t.deps.db, { timeZone: TZ, communityId: w.community.id, months: ['2026-10'], now: new Date('2026-12-01T00:00:00Z') });
    const after = await row(0);
    expect({ ...after, refreshedAt: null }).toEqual({ ...before, refreshedAt: null });
  });
});

describe('ranking rollup', () => {
  it('points per resident this month, for the community and the grid of their home', async () => {
    const db = t.deps.db;
    const [admin] = await db.select().from(users).where(eq(users.username, 'admin'));
    const home1 = await makeResident(db, { homePlaceId: w.grid1.placeId, displayName: '王阿姨' });
    const roaming = await makeResident(db, { displayName: '' });
    for (const who of [home1, home1, roaming]) {
      const item = await insertItem(db, w, { authorUserId: who.id, status: 'accepted' });
      await awardPoints(db, { communityId: w.community.id, approverUserId: admin.id, contribution: { kind: 'submission', submissionId: item.id } });
    }
    const month = monthOf(new Date(), TZ);
    await refreshRollups(db, { timeZone: TZ, communityId: w.community.id, months: [month] });
    const rows = await db.select().from(rankingMonthly).where(sql`${rankingMonthly.month} = ${month} AND ${rankingMonthly.communityId} = ${w.community.id}`);
    const of = (userId: number, gridId: number) => rows.find((r) => r.userId === userId && r.gridId === gridId);
    expect(of(home1.id, 0)?.awards).toBe(2);
    expect(of(home1.id, w.grid1.id)?.points).toBe(of(home1.id, 0)?.points);
    expect(of(roaming.id, 0)?.awards).toBe(1);
    expect(rows.filter((r) => r.userId === roaming.id)).toHaveLength(1);
  });
});
