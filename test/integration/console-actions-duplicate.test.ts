// 标记为重复 and 调解化解 over HTTP: originals within the community, chains, the confirmation credit, mediators and stats.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { submissionEvents, submissions, users } from '../../src/db/schema';
import { useTestApp, type TestClient } from '../helpers/app';
import { makeCommunity } from '../helpers/builders';
import { nextTrackingNo } from '../../src/domain/submissions/next-tracking-no';
import { demoWorld, resident, type DemoWorld } from './me-helpers';
import { auditCount, balanceOf, current, itemIn, staff, transfersFor } from './console-actions-helpers';

const t = useTestApp();
let w: DemoWorld;
let worker1: TestClient;
let worker2: TestClient;
const db = () => t.deps.db;

beforeAll(async () => {
  w = await demoWorld(t.deps.database);
  worker1 = await staff(t.client(), 'worker1');
  worker2 = await staff(t.client(), 'worker2');
});

const dup = (id: number, version: number, original: string) => worker1.post(`/staff/items/${id}/duplicate`, { version: String(version), original });

describe('mark as duplicate', () => {
  it('prefills the probable original, links it, tells the resident, credits the author; the original keeps its award', async () => {
    const first = await resident(db());
    const second = await resident(db());
    const original = await itemIn(db(), w, first.id);
    await worker1.post(`/staff/items/${original.id}/accept`, { version: String(original.version), amount: '30' });
    const item = await itemIn(db(), w, second.id);
    await db().update(submissions).set({ probableDuplicateOfId: original.id, probableDuplicateScore: 0.91 }).where(eq(submissions.id, item.id));

    const page = await (await worker1.get(`/staff/items/${item.id}/duplicate`)).text();
    expect(page).toContain(`可能与 ${original.trackingNo} 重复`);
    expect(page).toMatch(new RegExp(`name="original"[^>]*value="${original.trackingNo}"`));

    const res = await dup(item.id, item.version, original.trackingNo.toLowerCase());
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`已标记为重复,与 ${original.trackingNo} 合并处理`);
    expect(html).toContain('已向上报人发放重复确认积分 2 分');
    expect(await current(db(), item.id)).toMatchObject({ status: 'duplicate', duplicateOfId: original.id });
    expect(await balanceOf(db(), second.id)).toBe(2);
    expect(await balanceOf(db(), first.id)).toBe(30);
    const [merge] = await db().select().from(submissionEvents).where(and(eq(submissionEvents.submissionId, item.id), eq(submissionEvents.kind, 'merge')));
    expect(merge).toMatchObject({ public: true, body: original.trackingNo });
    expect(await auditCount(db(), 'console.duplicate', item.id)).toBe(1);

    // The resident sees it on the item page.
    const me = t.client();
    await me.signInResident(second.phone);
    const mine = await (await me.get(`/me/submissions/${item.trackingNo}`)).text();
    expect(mine).toContain(`与诉求 ${original.trackingNo} 合并处理`);

    // A chain resolves to the first original.
    const third = await itemIn(db(), w, (await resident(db())).id);
    expect((await dup(third.id, third.version, item.trackingNo)).status).toBe(200);
    expect((await current(db(), third.id)).duplicateOfId).toBe(original.id);
  });

  it('refuses itself, unknown and other communities\' numbers, and stale pages; out of scope is 404', async () => {
    const author = await resident(db());
    const item = await itemIn(db(), w, author.id);
    const self = await dup(item.id, item.version, item.trackingNo);
    expect(self.status).toBe(422);
    expect(await self.text()).toContain('不能把诉求标记为它自己的重复');
    const other = await makeCommunity(db(), { code: '510105017999' });
    const foreignNo = await nextTrackingNo(db(), { id: other.id, trackingPrefix: other.trackingPrefix }, 2026);
    await db().insert(submissions).values({
      communityId: other.id, trackingNo: foreignNo, kind: 'tip', categoryKey: 'tip.fire_hazard', ruleSetId: w.ruleSetId, description: '别的社区的诉求',
      authorUserId: author.id, idempotencyKey: `foreign-${item.id}`, status: 'pending_review',
    });
    for (const bad of [foreignNo, 'QY-2026-999999', '', '<script>alert(1)</script>']) {
      const res = await dup(item.id, item.version, bad);
      expect(res.status, bad).toBe(422);
      expect(await res.text()).toMatch(/本社区没有编号为|请填写原诉求编号/);
    }
    expect((await dup(item.id, item.version + 1, 'QY-2026-000001')).status).toBe(409);
    expect((await worker2.post(`/staff/items/${item.id}/duplicate`, { version: String(item.version), original: 'x' })).status).toBe(404);
    expect(await current(db(), item.id)).toMatchObject({ status: 'pending_review', duplicateOfId: null });
    expect(await transfersFor(db(), `award:duplicate:${item.id}`)).toHaveLength(0);
  });
});

describe('settled by mediation', () => {
  const mediate = (id: number, form: Record<string, string>) => worker1.post(`/staff/items/${id}/mediate`, form);

  it('closes a dispute with a resident mediator (credited) or a staff mediator, and counts per tier', async () => {
    const author = await resident(db());
    const volunteer = await resident(db(), '孙调解');
    const tip = await itemIn(db(), w, author.id);
    expect(await (await worker1.get(`/staff/items/${tip.id}/mediate`)).text()).toContain('只有“矛盾纠纷”类诉求可以按调解化解办结');

    const a = await itemIn(db(), w, author.id, { categoryKey: 'tip.dispute' });
    expect(await (await worker1.get(`/staff/items/${a.id}/mediate`)).text()).toContain('data-stats="0 / 0 / 0"');
    const unknown = await mediate(a.id, { version: String(a.version), tier: '1', mediatorKind: 'resident', phone: '13900000000' });
    expect(unknown.status).toBe(422);
    expect(await unknown.text()).toContain('没有找到使用这个手机号的居民');
    const byAuthor = await mediate(a.id, { version: String(a.version), tier: '1', mediatorKind: 'resident', phone: author.phone });
    expect(byAuthor.status).toBe(422);
    const badTier = await mediate(a.id, { version: String(a.version), tier: '4', mediatorKind: 'resident', phone: volunteer.phone });
    expect(badTier.status).toBe(422);

    const ok = await mediate(a.id, { version: String(a.version), tier: '', mediatorKind: 'resident', phone: `+86 ${volunteer.phone}`, outcome: '双方达成一致,不再争执。' });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('已向调解志愿者发放 50 积分');
    expect(await current(db(), a.id)).toMatchObject({ status: 'resolved', settledTier: 1, mediatorUserId: volunteer.id });
    expect(await balanceOf(db(), volunteer.id)).toBe(50);
    expect(await auditCount(db(), 'console.mediate', a.id)).toBe(1);

    const b = await itemIn(db(), w, author.id, { categoryKey: 'tip.dispute' });
    const [leader] = await db().select().from(users).where(eq(users.username, 'leader.chen'));
    const [outsider] = await db().select().from(users).where(eq(users.kind, 'resident')).limit(1);
    expect((await mediate(b.id, { version: String(b.version), tier: '2', mediatorKind: 'staff', staffId: String(outsider.id) })).status).toBe(422);
    expect((await mediate(b.id, { version: String(b.version), tier: '2', mediatorKind: 'staff', staffId: String(leader.id) })).status).toBe(200);
    expect(await current(db(), b.id)).toMatchObject({ settledTier: 2, mediatorUserId: leader.id });
    expect(await (await worker1.get(`/staff/items/${b.id}/mediate`)).text()).toContain('data-stats="1 / 1 / 0"');
    // Closed already: a second mediation is refused, and nobody is paid twice.
    expect((await mediate(a.id, { version: String(a.version + 1), tier: '1', mediatorKind: 'resident', phone: volunteer.phone })).status).toBe(409);
    expect(await transfersFor(db(), `award:mediation:${a.id}`)).toHaveLength(1);
  });
});
