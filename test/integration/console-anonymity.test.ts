// Anonymous items over HTTP: no staff action answers differently depending on whether a named person (a phone, a
// resident's points) is the author — the mediation form, accept, duplicate credit and second approval — and refused
// attempts that named someone are audited without saying who wrote the item.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, pointAwardRequests, submissions } from '../../src/db/schema';
import { useTestApp, type TestClient } from '../helpers/app';
import { demoWorld, resident, type DemoWorld } from './me-helpers';
import { balanceOf, current, itemIn, staff, transfersFor } from './console-actions-helpers';

const t = useTestApp();
let w: DemoWorld;
let worker1: TestClient;
let leader: TestClient;
const db = () => t.deps.db;

beforeAll(async () => {
  w = await demoWorld(t.deps.database);
  worker1 = await staff(t.client(), 'worker1');
  leader = await staff(t.client(), 'leader.chen');
});

/** A copy of an item, anonymous, in a category. */
async function anonymousItem(authorUserId: number, categoryKey = 'tip.fire_hazard') {
  const item = await itemIn(db(), w, authorUserId, { categoryKey });
  const [s] = await db().update(submissions).set({ anonymous: true }).where(eq(submissions.id, item.id)).returning();
  return s;
}

/** Gives a resident `n` points today through named items (fire hazard pays 10–100). */
async function pointsToday(userId: number, n: number) {
  for (let left = n; left > 0; ) {
    const amount = Math.min(100, left);
    const item = await itemIn(db(), w, userId);
    const res = await worker1.post(`/staff/items/${item.id}/accept`, { version: String(item.version), amount: String(amount), reason: '准备测试数据' });
    expect(res.status, await res.text()).toBe(200);
    left -= amount;
  }
  expect(await balanceOf(db(), userId)).toBe(n);
}

/** The response with what legitimately differs between two items removed (ids, tracking numbers, versions). */
function normalise(html: string, item: { id: number; trackingNo: string }) {
  return html.replaceAll(item.trackingNo, 'NO').replaceAll(`/staff/items/${item.id}`, '/staff/items/ID').replace(/name="version" value="\d+"/g, 'name="version" value="V"').replace(/nonce="[^"]*"/g, 'nonce="N"');
}

const doneBox = (html: string) => /<section[^>]*id="(?:accept|duplicate|mediate)-box"[\s\S]*?<\/section>/.exec(html)?.[0] ?? html;

describe('the mediation form on an anonymous dispute', () => {
  it('answers the author, a stranger, an unknown and a malformed number identically, audits each, and writes nothing else', async () => {
    const author = await resident(db());
    const stranger = await resident(db(), '孙调解');
    const item = await anonymousItem(author.id, 'tip.dispute');
    const page = await (await worker1.get(`/staff/items/${item.id}/mediate`)).text();
    expect(page).toContain('匿名反映的纠纷只能登记工作人员为调解人');
    expect(page).not.toContain('name="phone"');

    const answers: { status: number; body: string }[] = [];
    for (const phone of [author.phone, stranger.phone, `+86 ${author.phone}`, '13900000000', '123']) {
      const res = await worker1.post(`/staff/items/${item.id}/mediate`, { version: String(item.version), tier: '1', mediatorKind: 'resident', phone, outcome: '双方和解' });
      answers.push({ status: res.status, body: normalise(await res.text(), item) });
    }
    expect(answers[0].status).toBe(422);
    expect(answers[0].body).toContain('为保护反映人,不能按手机号登记居民调解人');
    expect(answers[0].body).not.toContain('调解人不能是反映纠纷的居民本人');
    for (const a of answers) expect(a).toEqual(answers[0]);

    expect(await current(db(), item.id)).toMatchObject({ status: 'pending_review', mediatorUserId: null });
    expect(await transfersFor(db(), `award:mediation:${item.id}`)).toHaveLength(0);
    expect(await balanceOf(db(), stranger.id)).toBe(0);
    const rows = await db().select().from(auditLog).where(and(eq(auditLog.action, 'console.mediate.refused'), eq(auditLog.targetId, String(item.id))));
    expect(rows).toHaveLength(5);
    for (const r of rows) {
      expect(r.after).toMatchObject({ reason: 'anonymous_item', refused: 'act.err.mediatorAnonymous', named: { mediatorKind: 'resident' } });
      // Neither the author's id nor a full phone number is in the row.
      const text = JSON.stringify(r.after);
      expect(text).not.toContain(author.phone);
      expect(text).not.toContain(stranger.phone);
      expect(text).not.toContain('is_author');
    }
    // A staff mediator still closes it.
    const ok = await worker1.post(`/staff/items/${item.id}/mediate`, { version: String(item.version), tier: '1', mediatorKind: 'staff', staffId: String((await leaderId())), outcome: '已调解' });
    expect(ok.status).toBe(200);
  });

  it('on a named dispute keeps refusing the author (shown to staff anyway) and audits refused numbers', async () => {
    const author = await resident(db());
    const item = await itemIn(db(), w, author.id, { categoryKey: 'tip.dispute' });
    const res = await worker1.post(`/staff/items/${item.id}/mediate`, { version: String(item.version), tier: '1', mediatorKind: 'resident', phone: author.phone });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('调解人不能是反映纠纷的居民本人');
    const unknown = await worker1.post(`/staff/items/${item.id}/mediate`, { version: String(item.version), tier: '1', mediatorKind: 'resident', phone: '13900000001' });
    expect(unknown.status).toBe(422);
    const rows = await db().select().from(auditLog).where(and(eq(auditLog.action, 'console.mediate.refused'), eq(auditLog.targetId, String(item.id))));
    expect(rows.map((r) => (r.after as { reason: string }).reason).sort()).toEqual(['is_author', 'not_found']);
  });
});

async function leaderId() {
  const { users } = await import('../../src/db/schema');
  const [l] = await db().select({ id: users.id }).from(users).where(eq(users.username, 'leader.chen'));
  return l.id;
}

describe('caps on an anonymous author', () => {
  it('accept: at the daily cap and near it answer alike, with no amount and no "today"', async () => {
    const atCap = await resident(db());
    const nearCap = await resident(db());
    await pointsToday(atCap.id, 200);
    await pointsToday(nearCap.id, 190);
    const boxes: string[] = [];
    for (const who of [atCap, nearCap]) {
      const item = await anonymousItem(who.id);
      const res = await worker1.post(`/staff/items/${item.id}/accept`, { version: String(item.version), amount: '30' });
      expect(res.status).toBe(200);
      const box = normalise(doneBox(await res.text()), item);
      expect(box).toContain('受居民的积分上限限制');
      expect(box).not.toMatch(/每日|今天|\d+ 积分|\d+ 分/);
      boxes.push(box);
      expect((await current(db(), item.id)).status).toBe('accepted');
    }
    expect(boxes[1]).toBe(boxes[0]);
    expect(await balanceOf(db(), atCap.id)).toBe(200);
    expect(await balanceOf(db(), nearCap.id)).toBe(200);
  });

  it('accept on a named item still says which cap and how much', async () => {
    const r = await resident(db());
    await pointsToday(r.id, 200);
    const item = await itemIn(db(), w, r.id);
    const res = await worker1.post(`/staff/items/${item.id}/accept`, { version: String(item.version), amount: '30' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('该居民今天获得的积分已达每日上限');
  });

  it('duplicate credit: the same warning at the cap and one point below it', async () => {
    const atCap = await resident(db());
    const below = await resident(db());
    await pointsToday(atCap.id, 200);
    await pointsToday(below.id, 199);
    const original = await itemIn(db(), w, (await resident(db())).id);
    const boxes: string[] = [];
    for (const who of [atCap, below]) {
      const item = await anonymousItem(who.id);
      const res = await worker1.post(`/staff/items/${item.id}/duplicate`, { version: String(item.version), original: original.trackingNo });
      expect(res.status).toBe(200);
      const box = normalise(doneBox(await res.text()), item);
      expect(box).toContain('受居民的积分上限限制');
      expect(box).not.toMatch(/每日上限|已向上报人发放重复确认积分 \d/);
      boxes.push(box);
    }
    expect(boxes[1]).toBe(boxes[0]);
  });

  it('second approval: no amounts in the redirect or the notice', async () => {
    const had36 = await resident(db());
    const fresh = await resident(db());
    await pointsToday(had36.id, 36);
    const locations: string[] = [];
    for (const who of [had36, fresh]) {
      const item = await anonymousItem(who.id, 'tip.case_clue');
      const res = await worker1.post(`/staff/items/${item.id}/accept`, { version: String(item.version), amount: '300', reason: '重要线索' });
      expect(res.status).toBe(200);
      const [req] = await db().select().from(pointAwardRequests).where(eq(pointAwardRequests.idempotencyKey, `award:submission:${item.id}`));
      const approved = await leader.post(`/staff/approvals/${req.id}/approve`, {});
      expect(approved.status).toBe(303);
      const location = approved.headers.get('location') ?? '';
      expect(location).not.toMatch(/n=|req=|cap=day/);
      locations.push(location);
      const page = await (await leader.get(location)).text();
      expect(page).toContain('受居民的积分上限限制');
      expect(page).not.toMatch(/164|申请 300 分|每日积分上限/);
    }
    expect(locations[1]).toBe(locations[0]);
    expect(await balanceOf(db(), had36.id)).toBe(200);
    expect(await balanceOf(db(), fresh.id)).toBe(200);
  });
});
