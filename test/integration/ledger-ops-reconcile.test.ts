// Reconciliation runs stored and shown (/admin/ledger), the anlin_ledger_differences metric, "立即对账" through the queue;
// and the daily expiry reminder (one notification per expiring lot date, re-runs send nothing).
import { and, desc, eq, like, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, jobOutbox, notifications, pointAccounts, pointLots, reconciliationRuns, users } from '../../src/db/schema';
import { awardPoints } from '../../src/domain/points/award-points';
import type { JobContext } from '../../src/jobs/define';
import { pointsReconcile } from '../../src/jobs/handlers/points-reconcile';
import { pointsRemindExpiry } from '../../src/jobs/handlers/points-remind-expiry';
import { createLogger } from '../../src/logger';
import { useTestApp } from '../helpers/app';
import { pollUntil } from '../helpers/processes';
import { DEMO_PASSWORD, demoWorld, insertItem, resident, type DemoWorld } from './me-helpers';

const METRICS_TOKEN = 'ledger-test-metrics-token';
const t = useTestApp({ METRICS_TOKEN });
let w: DemoWorld;
let worker1: number;
beforeAll(async () => {
  w = await demoWorld(t.deps.database);
  [{ id: worker1 }] = await t.deps.db.select({ id: users.id }).from(users).where(eq(users.username, 'worker1'));
});
const ctx = (now = new Date()): JobContext => ({ db: t.deps.db, logger: createLogger('silent'), attempt: 1, now: () => now, runtime: { redispatchLost: async () => 0 } });

async function paidResident(now?: Date) {
  const r = await resident(t.deps.db);
  const item = await insertItem(t.deps.db, w, { authorUserId: r.id, status: 'accepted' });
  const paid = await awardPoints(t.deps.db, { communityId: w.community.id, approverUserId: worker1, contribution: { kind: 'submission', submissionId: item.id }, now });
  const [acct] = await t.deps.db.select().from(pointAccounts).where(and(eq(pointAccounts.kind, 'resident'), eq(pointAccounts.ownerUserId, r.id)));
  return { resident: r, account: acct, amount: (paid as { amount: number }).amount };
}
const metric = async () => {
  const text = await (await t.client().get('/metrics', { Authorization: `Bearer ${METRICS_TOKEN}` })).text();
  return /^anlin_ledger_differences (\S+)$/m.exec(text)?.[1];
};

describe('reconciliation', () => {
  it('stores each run; the page shows 账目一致, then the corrupted account after 立即对账; the metric follows', async () => {
    const { account } = await paidResident();
    const admin = t.client();
    expect((await admin.signInStaff('admin', DEMO_PASSWORD)).status).toBeLessThan(400);

    const empty = await (await admin.get('/admin/ledger')).text();
    expect(empty).toContain('还没有对账记录');

    expect(await pointsReconcile.handler({}, ctx())).toMatchObject({ differences: 0, totalOfBalances: 0 });
    const clean = await (await admin.get('/admin/ledger')).text();
    expect(clean).toContain('data-consistent="1"');
    expect(clean).toContain('账目一致');
    expect(await metric()).toBe('0');

    // Corrupt one cached balance behind the ledger's back, then press 立即对账 and let the real worker run it.
    await t.deps.db.execute(sql`update point_accounts set balance = balance + 7 where id = ${account.id}`);
    await t.deps.jobs.startWorkers();
    const pressed = await admin.post('/admin/ledger/reconcile', {});
    expect(pressed.status).toBe(303);
    expect(pressed.headers.get('location')).toBe('/admin/ledger?done=queued');
    // (Starting the workers also runs the nightly schedule once: wait for the pressed job itself, then read the latest run.)
    await pollUntil('the queued run', async () => {
      const [job] = await t.deps.db.select().from(jobOutbox).where(like(jobOutbox.dedupeKey, 'reconcile:manual:%'));
      return job?.status === 'done';
    }, 20_000);
    const [run] = await t.deps.db.select().from(reconciliationRuns).orderBy(desc(reconciliationRuns.id)).limit(1);
    expect(run).toMatchObject({ communityId: null, differenceCount: 1 });
    expect(run.differences).toEqual([expect.objectContaining({ accountId: account.id, kind: 'resident', cached: account.balance + 7, computed: account.balance, lots: account.balance })]);
    const [audit] = await t.deps.db.select().from(auditLog).where(eq(auditLog.action, 'points.reconcile.request'));
    expect(audit).toMatchObject({ communityId: w.community.id, targetType: 'job' });

    const page = await (await admin.get('/admin/ledger')).text();
    expect(page).toContain('发现 1 个账户的余额与流水不符');
    const row = new RegExp(`<li data-account="${account.id}">.*?</li>`, 's').exec(page)?.[0] ?? '';
    expect(row).toContain(`账户 ${account.id}`);
    expect(row).toContain('居民积分');
    expect(row).toContain(`居民编号 ${account.ownerUserId}`);
    expect(row).toMatch(new RegExp(`data-cached[^>]*>${account.balance + 7}</strong>`));
    expect(row).toMatch(new RegExp(`data-computed[^>]*>${account.balance}</strong>`));
    expect(page).not.toContain('data-consistent="1"');
    expect(await metric()).toBe('1');

    // Staff other than community admins cannot see or press it.
    const worker = t.client();
    await worker.signInStaff('worker1', DEMO_PASSWORD);
    expect((await worker.get('/admin/ledger')).status).toBe(403);
    expect((await worker.post('/admin/ledger/reconcile', {})).status).toBe(403);

    await t.deps.db.execute(sql`update point_accounts set balance = balance - 7 where id = ${account.id}`);
  });
});

describe('expiry reminder', () => {
  it('one notification per expiring lot date within 30 days, linking to 我的积分; a re-run sends nothing', async () => {
    const now = new Date('2027-06-10T02:00:00Z');
    const { resident: r, account } = await paidResident();
    const lots = await t.deps.db.select().from(pointLots).where(eq(pointLots.accountId, account.id));
    expect(lots).toHaveLength(1);
    // Spread what the resident holds over lots: two expire on the same local day, one later inside 30 days, one beyond.
    const [l] = lots;
    await t.deps.db.update(pointLots).set({ expiresAt: new Date('2027-06-20T01:00:00Z') }).where(eq(pointLots.id, l.id));
    const extra = [
      new Date('2027-06-20T15:00:00Z'), // 2027-06-20 23:00 in Shanghai: same local day
      new Date('2027-07-05T04:00:00Z'),
      new Date('2027-08-30T04:00:00Z'), // beyond 30 days
    ];
    for (const at of extra) {
      const other = await paidResident();
      // Moves another resident's lot onto this account: the reminder reads lots only (this test does not reconcile).
      await t.deps.db.update(pointLots).set({ accountId: account.id, expiresAt: at }).where(eq(pointLots.accountId, other.account.id));
    }
    const first = await pointsRemindExpiry.handler(pointsRemindExpiry.payload.parse({}), ctx(now));
    const mine = await t.deps.db.select().from(notifications).where(and(eq(notifications.userId, r.id), eq(notifications.kind, 'points.expiring'))).orderBy(notifications.id);
    expect(mine.map((n) => n.body)).toEqual([
      `您有 ${2 * l.amount} 积分将于 2027-06-20 到期,请在到期前兑换课程或物品。`,
      `您有 ${l.amount} 积分将于 2027-07-05 到期,请在到期前兑换课程或物品。`,
    ]);
    expect(mine.every((n) => n.link === '/me/points' && n.title === '积分即将到期')).toBe(true);
    expect(first).toMatchObject({ sent: 2 });

    expect(await pointsRemindExpiry.handler(pointsRemindExpiry.payload.parse({}), ctx(now))).toMatchObject({ sent: 0 });
    expect(await t.deps.db.select().from(notifications).where(and(eq(notifications.userId, r.id), eq(notifications.kind, 'points.expiring')))).toHaveLength(2);

    // The resident reads it in the inbox and lands on 我的积分.
    const client = t.client();
    await client.signInResident(r.phone);
    const inbox = await (await client.get('/me/inbox')).text();
    expect(inbox).toContain('积分即将到期');
    const opened = await client.get(`/me/inbox/${mine[0].id}`);
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe('/me/points');
  });
});
