// 升级: staff escalate with a reason; the SLA job escalates overdue items exactly once per tier, even when runs overlap,
// and the resident's item page shows the tier it is now handled at.
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { submissionEvents, submissions } from '../../src/db/schema';
import type { JobContext } from '../../src/jobs/define';
import { submissionEscalateOverdue } from '../../src/jobs/handlers/escalate-overdue';
import { buildRegistry } from '../../src/jobs/registry';
import { createLogger } from '../../src/logger';
import { useTestApp, type TestClient } from '../helpers/app';
import { demoWorld, resident, type DemoWorld } from './me-helpers';
import { auditCount, current, itemIn, staff } from './console-actions-helpers';

const t = useTestApp();
let w: DemoWorld;
let worker1: TestClient;
const db = () => t.deps.db;
const HOUR = 3600_000;

beforeAll(async () => {
  w = await demoWorld(t.deps.database);
  worker1 = await staff(t.client(), 'worker1');
});

const ctx = (now: Date): JobContext => ({ db: db(), logger: createLogger('silent'), attempt: 1, now: () => now, runtime: { redispatchLost: async () => 0 } });
const runJob = (now: Date) => submissionEscalateOverdue.handler(submissionEscalateOverdue.payload.parse({}), ctx(now)) as Promise<{ found: number; escalated: number }>;

async function escalations(id: number) {
  return db().select().from(submissionEvents).where(and(eq(submissionEvents.submissionId, id), eq(submissionEvents.kind, 'escalate')));
}

async function residentPage(phone: string, trackingNo: string) {
  const me = t.client();
  await me.signInResident(phone);
  return (await me.get(`/me/submissions/${trackingNo}`)).text();
}

describe('staff escalation', () => {
  it('needs a reason, moves one tier with the new deadline, and stops at the police station', async () => {
    const author = await resident(db());
    const item = await itemIn(db(), w, author.id);
    const page = await (await worker1.get(`/staff/items/${item.id}/escalate`)).text();
    expect(page).toContain('升级后须在 120 小时内办结');
    const missing = await worker1.post(`/staff/items/${item.id}/escalate`, { version: String(item.version), reason: ' ' });
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('请填写升级理由');

    const before = Date.now();
    const res = await worker1.post(`/staff/items/${item.id}/escalate`, { version: String(item.version), reason: '涉及物业与多户居民,需社区协调' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('已升级至社区处理');
    const s = await current(db(), item.id);
    expect(s.tier).toBe(2);
    expect(s.slaDueAt!.getTime()).toBeGreaterThanOrEqual(before + 120 * HOUR - 1000);
    expect(s.slaDueAt!.getTime()).toBeLessThanOrEqual(Date.now() + 120 * HOUR + 1000);
    expect(s.tierSince).not.toBeNull();
    expect((await escalations(item.id))[0]).toMatchObject({ public: true, body: '涉及物业与多户居民,需社区协调' });
    expect(await auditCount(db(), 'console.escalate', item.id)).toBe(1);
    // The same page again is stale.
    expect((await worker1.post(`/staff/items/${item.id}/escalate`, { version: String(item.version), reason: '再次升级' })).status).toBe(409);

    expect((await worker1.post(`/staff/items/${item.id}/escalate`, { version: String(s.version), reason: '涉嫌违法,需民警处理' })).status).toBe(200);
    const top = await current(db(), item.id);
    expect(top.tier).toBe(3);
    expect(await (await worker1.get(`/staff/items/${item.id}/escalate`)).text()).toContain('已是最高层级(派出所),不能再升级');
    expect((await worker1.post(`/staff/items/${item.id}/escalate`, { version: String(top.version), reason: '再升' })).status).toBe(409);

    const html = await residentPage(author.phone, item.trackingNo);
    expect(html).toContain('data-tier="3"');
    expect(html).toContain('已升级至社区处理');
    expect(html).toContain('已升级至派出所处理');
  });

  it('out of scope is 404', async () => {
    const author = await resident(db());
    const item = await itemIn(db(), w, author.id, { grid: 'grid3' });
    expect((await worker1.get(`/staff/items/${item.id}/escalate`)).status).toBe(404);
    expect((await worker1.post(`/staff/items/${item.id}/escalate`, { version: String(item.version), reason: '越权' })).status).toBe(404);
  });
});

describe('submission.escalate-overdue', () => {
  it('is registered to run every minute', () => {
    expect(buildRegistry().get('submission.escalate-overdue')?.every).toBe(60_000);
  });

  it('escalates an overdue item exactly once per tier, with repeated and concurrent runs, and the resident sees the tier', async () => {
    const author = await resident(db());
    const item = await itemIn(db(), w, author.id);
    const closed = await itemIn(db(), w, author.id);
    // Far in the future, so no other test's item in this database is due at these clocks but these two.
    const t0 = new Date('2031-03-01T02:00:00Z');
    await db().update(submissions).set({ slaDueAt: t0 }).where(eq(submissions.id, item.id));
    await db().update(submissions).set({ slaDueAt: t0, status: 'resolved', resolvedAt: t0 }).where(eq(submissions.id, closed.id));
    await db().update(submissions).set({ slaDueAt: sql`null` }).where(and(eq(submissions.communityId, w.community.id), sql`${submissions.id} not in (${item.id}, ${closed.id})`));

    expect(await runJob(new Date(t0.getTime() - 60_000))).toEqual({ found: 0, escalated: 0 });
    const t1 = new Date(t0.getTime() + 60_000);
    expect(await runJob(t1)).toEqual({ found: 1, escalated: 1 });
    expect(await runJob(t1)).toEqual({ found: 0, escalated: 0 });
    let s = await current(db(), item.id);
    expect(s).toMatchObject({ tier: 2 });
    expect(s.slaDueAt!.toISOString()).toBe(new Date(t1.getTime() + 120 * HOUR).toISOString());
    expect(s.tierSince!.toISOString()).toBe(t1.toISOString());

    // Past the tier-2 deadline, five overlapping runs: one escalation to tier 3.
    const t2 = new Date(t1.getTime() + 121 * HOUR);
    const runs = await Promise.all(Array.from({ length: 5 }, () => runJob(t2)));
    expect(runs.reduce((n, r) => n + r.escalated, 0)).toBe(1);
    s = await current(db(), item.id);
    expect(s.tier).toBe(3);
    // Tier 3 is the top: later runs leave it alone.
    expect(await runJob(new Date(t2.getTime() + 1000 * HOUR))).toEqual({ found: 0, escalated: 0 });

    expect(await escalations(item.id)).toHaveLength(2);
    expect(await auditCount(db(), 'console.escalate.auto', item.id)).toBe(2);
    expect((await current(db(), closed.id)).tier).toBe(1);

    const html = await residentPage(author.phone, item.trackingNo);
    expect(html).toContain('data-tier="3"');
    expect(html).toContain('派出所');
    expect(html).toContain('已升级至派出所处理');
  });
});
