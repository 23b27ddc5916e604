// The item page's actions against real Postgres: each writes its change, timeline event and audit row in one transaction;
// a stale page gets 409 'console.err.stale' with the latest state; two staff at once → one wins; out of scope → 404.
import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, departmentRequests, departments, notifications, submissionEvents, submissions, users } from '../../src/db/schema';
import { useTestApp } from '../helpers/app';
import { pageVersion, staffClients, versionOf } from './console-item-helpers';
import { demoWorld, insertItem, resident, type DemoWorld } from './me-helpers';

const t = useTestApp();
const staff = staffClients(t);
let w: DemoWorld;
beforeAll(async () => {
  w = await demoWorld(t.deps.database);
});

const db = () => t.deps.db;
const itemRow = async (id: number) => (await db().select().from(submissions).where(eq(submissions.id, id)))[0];
const eventsOf = (id: number) => db().select().from(submissionEvents).where(eq(submissionEvents.submissionId, id)).orderBy(submissionEvents.id);
const auditOf = (id: number) => db().select().from(auditLog).where(and(eq(auditLog.targetType, 'submission'), eq(auditLog.targetId, String(id)))).orderBy(auditLog.id);
const userId = async (username: string) => (await db().select({ id: users.id }).from(users).where(eq(users.username, username)))[0].id;

async function fresh(opts: Parameters<typeof insertItem>[2] extends infer O ? Partial<O> : never = {}) {
  const author = await resident(db(), '孙美玲');
  const item = await insertItem(db(), w, { authorUserId: author.id, ...opts });
  return { author, item };
}

describe('claim, stale pages and races', () => {
  it('claims an item: assignee set, private event, audit with before/after, version bumped', async () => {
    const { item } = await fresh();
    const c = await staff('worker1');
    const res = await c.post(`/staff/items/${item.id}/claim`, { version: String(item.version) });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain(`/staff/items/${item.id}?done=claim`);
    const row = await itemRow(item.id);
    expect(row.assignedUserId).toBe(await userId('worker1'));
    expect(row.version).toBe(item.version + 1);
    const [ev] = await eventsOf(item.id);
    expect(ev).toMatchObject({ kind: 'assign', public: false });
    const [a] = await auditOf(item.id);
    expect(a).toMatchObject({ action: 'item.claim', before: { assignedUserId: null }, after: { assignedUserId: row.assignedUserId } });
    const page = await (await c.get(res.headers.get('location')!)).text();
    expect(page).toContain('已认领');
  });

  it('refuses an action from a stale page with 409 and shows the latest state with the typed text kept', async () => {
    const { item } = await fresh();
    const c = await staff('worker1');
    expect((await c.post(`/staff/items/${item.id}/reply`, { version: String(item.version), body: '收到,马上处理', visibility: 'private' })).status).toBe(303);
    const res = await c.post(`/staff/items/${item.id}/resolve`, { version: String(item.version), answer: '已清理完毕' });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('这条诉求刚被其他工作人员处理过');
    expect(html).toContain('已清理完毕');
    expect(pageVersion(html)).toBe(String(item.version + 1));
    expect((await itemRow(item.id)).status).toBe('pending_review');
    // Missing version reads as stale too.
    expect((await c.post(`/staff/items/${item.id}/claim`, {})).status).toBe(409);
  });

  it('two staff resolving at the same moment: exactly one succeeds, the other is told, one status change written', async () => {
    for (let round = 0; round < 3; round++) {
      const { item } = await fresh();
      const [a, b] = [await staff('worker1'), await staff('leader.chen')];
      const v = String(item.version);
      const results = await Promise.all([
        a.post(`/staff/items/${item.id}/resolve`, { version: v, answer: '张伟已处理' }),
        b.post(`/staff/items/${item.id}/resolve`, { version: v, answer: '陈晓东已处理' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([303, 409]);
      const loser = results.find((r) => r.status === 409)!;
      expect(await loser.text()).toContain('这条诉求刚被其他工作人员处理过');
      const statusEvents = (await eventsOf(item.id)).filter((e) => e.kind === 'status');
      expect(statusEvents).toHaveLength(1);
      expect((await auditOf(item.id)).filter((x) => x.action === 'item.resolve')).toHaveLength(1);
      expect((await itemRow(item.id)).version).toBe(item.version + 1);
    }
  });

  it('answers 404 to every action outside the viewer’s scope and writes nothing', async () => {
    const { item } = await fresh({ grid: 'grid1' });
    const other = await staff('worker2');
    for (const [path, form] of [
      ['claim', {}], ['reply', { body: '你好' }], ['resolve', { answer: '好了' }], ['reject', { reason: '不属实' }], ['route', { department: '1' }], ['assign', { assignee: '1' }],
    ] as const) {
      // A grid worker may never assign: refused by role (403) before the item is read, so that says nothing about it either.
      expect((await other.post(`/staff/items/${item.id}/${path}`, { version: String(item.version), ...form })).status).toBe(path === 'assign' ? 403 : 404);
    }
    expect((await (await staff('police.liu')).post(`/staff/items/${item.id}/claim`, { version: String(item.version) })).status).toBe(404);
    expect(await eventsOf(item.id)).toHaveLength(0);
    expect(await auditOf(item.id)).toHaveLength(0);
    expect((await itemRow(item.id)).version).toBe(item.version);
  });
});

describe('reject, reply, resolve, reopen', () => {
  it('refuses an empty rejection reason with a Chinese message and writes nothing', async () => {
    const { item } = await fresh();
    const c = await staff('worker1');
    for (const reason of ['', '   ', '\u3000\u3000']) {
      const res = await c.post(`/staff/items/${item.id}/reject`, { version: String(item.version), reason });
      expect(res.status).toBe(422);
      expect(await res.text()).toContain('请填写内容。');
    }
    const row = await itemRow(item.id);
    expect(row.status).toBe('pending_review');
    expect(row.version).toBe(item.version);
    expect(await eventsOf(item.id)).toHaveLength(0);
    expect(await auditOf(item.id)).toHaveLength(0);
  });

  it('rejects with a public reason the resident reads, and notifies them', async () => {
    const { author, item } = await fresh();
    const res = await (await staff('worker1')).post(`/staff/items/${item.id}/reject`, { version: String(item.version), reason: '经核实,电瓶车已移走' });
    expect(res.status).toBe(303);
    expect((await itemRow(item.id)).status).toBe('rejected');
    const [ev] = await eventsOf(item.id);
    expect(ev).toMatchObject({ kind: 'status', fromStatus: 'pending_review', toStatus: 'rejected', body: '经核实,电瓶车已移走', public: true });
    const [n] = await db().select().from(notifications).where(eq(notifications.userId, author.id));
    expect(n.kind).toBe('status.rejected');
    expect((await auditOf(item.id))[0]).toMatchObject({ action: 'item.reject', before: { status: 'pending_review' } });
  });

  it('refuses replies with script or markup, keeping the text', async () => {
    const { item } = await fresh();
    const c = await staff('worker1');
    for (const body of ['<script>alert(1)</script>', '请看 <img src=x onerror=alert(1)>', '{{7*7}}', 'a\u202Eb']) {
      const res = await c.post(`/staff/items/${item.id}/reply`, { version: String(item.version), body, visibility: 'public' });
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toMatch(/不能有网页代码|控制字符/);
      expect(html).not.toContain('<script>alert(1)');
    }
    expect(await eventsOf(item.id)).toHaveLength(0);
  });

  it('a public reply reaches the resident; a private note never does', async () => {
    const { author, item } = await fresh();
    const c = await staff('worker1');
    expect((await c.post(`/staff/items/${item.id}/reply`, { version: String(item.version), body: '已通知物业清理', visibility: 'public' })).status).toBe(303);
    expect((await c.post(`/staff/items/${item.id}/reply`, { version: String(item.version + 1), body: '物业说明天处理', visibility: 'private' })).status).toBe(303);
    const evs = await eventsOf(item.id);
    expect(evs.map((e) => [e.kind, e.public])).toEqual([['reply', true], ['note', false]]);
    expect((await itemRow(item.id)).firstAnsweredAt).not.toBeNull();
    expect((await db().select().from(notifications).where(eq(notifications.userId, author.id))).map((n) => n.kind)).toEqual(['reply']);
    const me = t.client();
    await me.signInResident(author.phone);
    const html = await (await me.get(`/me/submissions/${item.trackingNo}`)).text();
    expect(html).toContain('已通知物业清理');
    expect(html).not.toContain('物业说明天处理');
    expect((await auditOf(item.id)).map((a) => a.action)).toEqual(['item.reply', 'item.note']);
  });

  it('refuses an unknown or missing visibility with a Chinese message: nothing stored, nobody notified', async () => {
    const { author, item } = await fresh();
    const c = await staff('worker1');
    for (const visibility of ['internal', 'PUBLIC', '', undefined]) {
      const form: Record<string, string> = { version: String(item.version), body: '这条只给同事看' };
      if (visibility !== undefined) form.visibility = visibility;
      const res = await c.post(`/staff/items/${item.id}/reply`, form);
      expect(res.status, String(visibility)).toBe(422);
      const html = await res.text();
      expect(html).toContain('请选择谁能看到');
      expect(html).toContain('这条只给同事看');
    }
    expect(await eventsOf(item.id)).toHaveLength(0);
    expect(await db().select().from(notifications).where(eq(notifications.userId, author.id))).toHaveLength(0);
    expect((await itemRow(item.id)).firstAnsweredAt).toBeNull();
  });

  it('resolves with a required public answer; the resident is notified and offered the rating; staff may reopen', async () => {
    const { author, item } = await fresh();
    const c = await staff('worker1');
    const empty = await c.post(`/staff/items/${item.id}/resolve`, { version: String(item.version), answer: '' });
    expect(empty.status).toBe(422);
    expect((await c.post(`/staff/items/${item.id}/resolve`, { version: String(item.version), answer: '飞线已拆除,已提醒住户' })).status).toBe(303);
    const row = await itemRow(item.id);
    expect(row.status).toBe('resolved');
    expect(row.resolvedAt).not.toBeNull();
    const [n] = await db().select().from(notifications).where(eq(notifications.userId, author.id));
    expect(n).toMatchObject({ kind: 'status.resolved', body: '飞线已拆除,已提醒住户' });
    const me = t.client();
    await me.signInResident(author.phone);
    const html = await (await me.get(`/me/submissions/${item.trackingNo}`)).text();
    expect(html).toContain('飞线已拆除,已提醒住户');
    expect(html).toContain('id="rate-box"');
    expect((await c.post(`/staff/items/${item.id}/reopen`, { version: String(row.version), reason: '' })).status).toBe(303);
    const back = await itemRow(item.id);
    expect(back).toMatchObject({ status: 'in_progress', resolvedAt: null });
    // A resolved → reopened item cannot be rejected (TRANSITIONS): refused, nothing written.
    const refused = await c.post(`/staff/items/${item.id}/reject`, { version: String(back.version), reason: '不属实' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('当前的状态不能执行这个操作');
  });
});

describe('assign, route, department answer', () => {
  it('assigns only to staff who cover the item', async () => {
    const { item } = await fresh();
    const leader = await staff('leader.chen');
    const bad = await leader.post(`/staff/items/${item.id}/assign`, { version: String(item.version), assignee: String(await userId('worker2')) });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('不负责这条诉求所在的网格');
    const ok = await leader.post(`/staff/items/${item.id}/assign`, { version: String(item.version), assignee: String(await userId('worker1')) });
    expect(ok.status).toBe(303);
    expect((await itemRow(item.id)).assignedUserId).toBe(await userId('worker1'));
    // Grid workers claim; they do not hand items out.
    const worker = await (await staff('worker1')).post(`/staff/items/${item.id}/assign`, { version: await versionOf(t, item.id), assignee: String(await userId('worker1')) });
    expect(worker.status).toBe(403);
  });

  it('routes to a department (status 已转派, request row, public route event) and records the answer', async () => {
    const { item } = await fresh();
    const c = await staff('worker1');
    const [dept] = await db().select().from(departments).where(and(eq(departments.communityId, w.community.id), eq(departments.name, '物业公司')));
    const none = await c.post(`/staff/items/${item.id}/route`, { version: String(item.version), department: '' });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('请选择要转派的部门');
    expect((await c.post(`/staff/items/${item.id}/route`, { version: String(item.version), department: String(dept.id), note: '5栋楼道纸箱请清理' })).status).toBe(303);
    expect((await itemRow(item.id)).status).toBe('routed');
    const [req] = await db().select().from(departmentRequests).where(eq(departmentRequests.submissionId, item.id));
    expect(req).toMatchObject({ departmentId: dept.id, note: '5栋楼道纸箱请清理', answer: null });
    const evs = await eventsOf(item.id);
    expect(evs.find((e) => e.kind === 'route')).toMatchObject({ public: true, body: '物业公司' });
    expect(evs.find((e) => e.kind === 'note')).toMatchObject({ public: false, body: '5栋楼道纸箱请清理' });
    expect(evs.find((e) => e.kind === 'status')).toMatchObject({ toStatus: 'routed', public: true });
    const v = await versionOf(t, item.id);
    const empty = await c.post(`/staff/items/${item.id}/department-answer`, { version: v, request: String(req.id), answer: '' });
    expect(empty.status).toBe(422);
    expect((await c.post(`/staff/items/${item.id}/department-answer`, { version: v, request: String(req.id), answer: '已安排保洁周三清理' })).status).toBe(303);
    const [answered] = await db().select().from(departmentRequests).where(eq(departmentRequests.id, req.id));
    expect(answered.answer).toBe('已安排保洁周三清理');
    expect((await itemRow(item.id)).status).toBe('in_progress');
    const html = await (await c.get(`/staff/items/${item.id}`)).text();
    expect(html).toContain('已安排保洁周三清理');
    expect((await auditOf(item.id)).map((a) => a.action)).toEqual(['item.route', 'item.departmentAnswer']);
  });
});

describe('bulk answer', () => {
  it('answers picked items one transaction each and reports stale and out-of-scope ones', async () => {
    const { item } = await fresh({ description: '2号楼门口下水道堵了,污水漫出来' });
    const { item: similar } = await fresh({ description: '2号楼门口下水道堵塞,污水漫出' });
    const { item: staleOne } = await fresh({ description: '2号楼下水道堵了' });
    const { item: outside } = await fresh({ grid: 'grid3' });
    const { item: done } = await fresh({ status: 'rejected' });
    await db().update(submissions).set({ version: staleOne.version + 1 }).where(eq(submissions.id, staleOne.id));
    const c = await staff('worker1');
    const res = await c.post(`/staff/items/${item.id}/bulk-answer`, {
      body: '已通知物业疏通下水道,今天下午处理',
      resolve: '1',
      [`pick.${item.id}`]: String(item.version),
      [`pick.${similar.id}`]: String(similar.version),
      [`pick.${staleOne.id}`]: String(staleOne.version),
      [`pick.${outside.id}`]: String(outside.version),
      [`pick.${done.id}`]: String(done.version),
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    const outcome = (id: number) => new RegExp(`data-result="${id}" data-outcome="([a-zA-Z]+)"`).exec(html)?.[1];
    expect(outcome(item.id)).toBe('resolved');
    expect(outcome(similar.id)).toBe('resolved');
    expect(outcome(staleOne.id)).toBe('stale');
    expect(outcome(outside.id)).toBe('notFound');
    expect(outcome(done.id)).toBe('repliedNotResolvable');
    expect(html).not.toContain(outside.trackingNo);
    // The stale item is in scope, so the result names it by its tracking number.
    expect(html).toContain(staleOne.trackingNo);
    expect(html).toContain('刚被其他人处理过');
    expect((await itemRow(item.id)).status).toBe('resolved');
    expect((await itemRow(similar.id)).status).toBe('resolved');
    expect((await itemRow(staleOne.id)).status).toBe('pending_review');
    expect(await eventsOf(staleOne.id)).toHaveLength(0);
    expect(await eventsOf(outside.id)).toHaveLength(0);
    expect((await eventsOf(done.id)).map((e) => e.kind)).toEqual(['reply']);
    const [a] = await db().select().from(auditLog).where(eq(auditLog.targetId, String(similar.id))).orderBy(desc(auditLog.id));
    expect(a).toMatchObject({ action: 'item.bulkAnswer', after: { status: 'resolved', bulk: true } });
  });

  it('needs a reply and at least one ticked item, keeping the ticks and text', async () => {
    const { item } = await fresh();
    const c = await staff('worker1');
    const noPick = await c.post(`/staff/items/${item.id}/bulk-answer`, { body: '已处理' });
    expect(noPick.status).toBe(422);
    expect(await noPick.text()).toContain('请至少勾选一条诉求');
    const noBody = await c.post(`/staff/items/${item.id}/bulk-answer`, { body: ' ', [`pick.${item.id}`]: String(item.version) });
    expect(noBody.status).toBe(422);
    expect(await eventsOf(item.id)).toHaveLength(0);
  });
});
