// 采纳并发放积分 and 积分审批 over HTTP: bad amounts, range, reason, scope, stale pages, races, second approval.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { pointAwardRequests, users } from '../../src/db/schema';
import { makeStaff } from '../helpers/builders';
import { useTestApp, type TestClient } from '../helpers/app';
import { badInputs } from '../helpers/bad-inputs';
import { demoWorld, resident, type DemoWorld } from './me-helpers';
import { auditCount, balanceOf, current, itemIn, staff, transfersFor } from './console-actions-helpers';

const t = useTestApp();
let w: DemoWorld;
let worker1: TestClient;
let worker2: TestClient;
let leader: TestClient;
let admin: TestClient;
const db = () => t.deps.db;

beforeAll(async () => {
  w = await demoWorld(t.deps.database);
  worker1 = await staff(t.client(), 'worker1');
  worker2 = await staff(t.client(), 'worker2');
  leader = await staff(t.client(), 'leader.chen');
  admin = await staff(t.client(), 'admin');
});

const accept = (c: TestClient, id: number, form: Record<string, string>) => c.post(`/staff/items/${id}/accept`, form);

describe('accept with points', () => {
  it('shows the suggestion, the range and the threshold, prefilled with the suggestion', async () => {
    const author = await resident(db());
    const plain = await itemIn(db(), w, author.id);
    const suggested = await itemIn(db(), w, author.id, { suggestedPoints: 40 });
    const html = await (await worker1.get(`/staff/items/${plain.id}/accept`)).text();
    expect(html).toContain('建议 30 分;本类别可发 10–100 分');
    expect(html).toContain('超过 200 分的积分需网格长审批');
    expect(html).toMatch(/name="amount"[^>]*value="30"/);
    expect(html).toContain(`href="/staff/items/${plain.id}"`);
    expect(await (await worker1.get(`/staff/items/${suggested.id}/accept`)).text()).toMatch(/name="amount"[^>]*value="40"/);
  });

  it('refuses every bad amount from the fixtures with a Chinese message, values kept, nothing written', async () => {
    const author = await resident(db());
    const item = await itemIn(db(), w, author.id);
    for (const bad of [...badInputs.points, '１００abc', ' ']) {
      const res = await accept(worker1, item.id, { version: String(item.version), amount: String(bad), reason: '测试' });
      expect(res.status, String(bad)).toBe(422);
      const html = await res.text();
      expect(html).toMatch(/积分数额|请填写发放的积分|积分必须在/);
      expect(html).toContain('name="reason"');
    }
    expect((await current(db(), item.id)).status).toBe('pending_review');
    expect(await transfersFor(db(), `award:submission:${item.id}`)).toHaveLength(0);
  });

  it('refuses out-of-range amounts and a changed amount without a reason', async () => {
    const author = await resident(db());
    const item = await itemIn(db(), w, author.id);
    for (const amount of ['9', '101', '500']) {
      const res = await accept(worker1, item.id, { version: String(item.version), amount, reason: '核实后调整' });
      expect(res.status).toBe(422);
      expect(await res.text()).toContain('积分必须在 10–100 分之间');
    }
    const res = await accept(worker1, item.id, { version: String(item.version), amount: '50', reason: '  ' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('积分与建议值(30 分)不同,请填写调整理由');
    expect(html).toMatch(/name="amount"[^>]*value="50"/);
    expect((await current(db(), item.id)).status).toBe('pending_review');
  });

  it('answers 404 out of scope and for malformed ids, 409 on a stale page', async () => {
    const author = await resident(db());
    const item = await itemIn(db(), w, author.id);
    expect((await worker2.get(`/staff/items/${item.id}/accept`)).status).toBe(404);
    expect((await accept(worker2, item.id, { version: String(item.version), amount: '30' })).status).toBe(404);
    for (const id of badInputs.ids) expect((await worker1.get(`/staff/items/${encodeURIComponent(id)}/accept`)).status, id).toBe(404);
    const stale = await accept(worker1, item.id, { version: String(item.version + 1), amount: '30' });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('这条诉求刚被其他工作人员处理过');
    expect((await current(db(), item.id)).status).toBe('pending_review');
    expect(await balanceOf(db(), author.id)).toBe(0);
  });

  it('accepts and pays in one step: status, timeline, balance and audit', async () => {
    const author = await resident(db());
    const item = await itemIn(db(), w, author.id);
    const res = await accept(worker1, item.id, { version: String(item.version), amount: '60', reason: '隐患较大,及时发现', reply: '感谢您的线索,已通知物业清理。' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('已采纳,并向居民发放 60 积分');
    const after = await current(db(), item.id);
    expect(after).toMatchObject({ status: 'accepted', version: item.version + 1 });
    expect(after.firstAnsweredAt).not.toBeNull();
    expect(await balanceOf(db(), author.id)).toBe(60);
    expect(await auditCount(db(), 'console.accept', item.id)).toBe(1);
    // Accepting again (same page, or a fresh one) pays nothing more.
    expect((await accept(worker1, item.id, { version: String(item.version), amount: '60', reason: 'x' })).status).toBe(409);
    expect((await accept(worker1, item.id, { version: String(after.version), amount: '60', reason: 'x' })).status).toBe(409);
    expect(await transfersFor(db(), `award:submission:${item.id}`)).toHaveLength(1);
  });

  it('two staff accepting the same page at once: one wins, the other is told, paid once', async () => {
    const author = await resident(db());
    const item = await itemIn(db(), w, author.id);
    const form = { version: String(item.version), amount: '30' };
    const [a, b] = await Promise.all([accept(worker1, item.id, form), accept(leader, item.id, form)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(await transfersFor(db(), `award:submission:${item.id}`)).toHaveLength(1);
    expect(await balanceOf(db(), author.id)).toBe(30);
  });

  it('a refusal from the ledger rolls the status change back (staff cannot award their own item)', async () => {
    const [me] = await db().select().from(users).where(eq(users.username, 'worker1'));
    const item = await itemIn(db(), w, me.id);
    const res = await accept(worker1, item.id, { version: String(item.version), amount: '30' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('不能为自己提交的事项审批积分');
    expect((await current(db(), item.id)).status).toBe('pending_review');
  });
});

describe('second approval', () => {
  it('an award above the threshold waits; the requester and grid workers cannot approve; two leaders at once pay once', async () => {
    const author = await resident(db());
    const item = await itemIn(db(), w, author.id, { categoryKey: 'tip.case_clue' });
    const res = await accept(admin, item.id, { version: String(item.version), amount: '300', reason: '线索价值高,协助破案' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('300 积分超过审批额度,需网格长审批后才会发放');
    expect((await current(db(), item.id)).status).toBe('accepted');
    expect(await balanceOf(db(), author.id)).toBe(0);
    const [req] = await db().select().from(pointAwardRequests).where(eq(pointAwardRequests.idempotencyKey, `award:submission:${item.id}`));
    expect(req.status).toBe('pending');

    expect((await worker1.get('/staff/approvals')).status).toBe(403);
    const own = await (await admin.get('/staff/approvals')).text();
    expect(own).toContain('这是您提交的申请,需由其他人审批');
    expect((await admin.post(`/staff/approvals/${req.id}/approve`, {})).status).toBe(403);
    const list = await (await leader.get('/staff/approvals')).text();
    expect(list).toContain(item.trackingNo);
    expect(list).toContain('调整理由:线索价值高,协助破案');
    expect(list).toContain(`/staff/approvals/${req.id}/approve`);
    // leader.li covers other grids: not listed, and approving reads as not found.
    const li = await staff(t.client(), 'leader.li');
    expect(await (await li.get('/staff/approvals')).text()).not.toContain(item.trackingNo);
    expect((await li.post(`/staff/approvals/${req.id}/approve`, {})).status).toBe(404);

    // A second grid leader of the same grid decides at the same moment as leader.chen.
    const other = await makeStaff(db(), { communityId: w.community.id, role: 'grid_leader', gridIds: [w.grid1.id] });
    const second = t.client();
    expect((await second.signInStaff(other.username, other.password)).status).toBe(303);
    const [a, b] = await Promise.all([leader.post(`/staff/approvals/${req.id}/approve`, {}), second.post(`/staff/approvals/${req.id}/approve`, {})]);
    expect([a.status, b.status].sort()).toEqual([303, 409]);
    const paid = await transfersFor(db(), `award:submission:${item.id}`);
    expect(paid).toHaveLength(1);
    // The daily cap (200) trims what is paid, and the transfer says so.
    expect(await balanceOf(db(), author.id)).toBe(Number(paid[0].amount));
    expect(paid[0].reason).toMatchObject({ secondApproverUserId: expect.any(Number) });
    expect((await db().select().from(pointAwardRequests).where(eq(pointAwardRequests.id, req.id)))[0].status).toBe('paid');
    expect(await auditCount(db(), 'console.award.approve', req.id)).toBe(1);
    const done = await leader.get('/staff/approvals?done=approved&n=200');
    expect(await done.text()).toContain('已批准,200 积分已发放');
  });

  it('rejecting needs a reason, and is audited', async () => {
    const author = await resident(db());
    const item = await itemIn(db(), w, author.id, { categoryKey: 'tip.case_clue' });
    await accept(worker1, item.id, { version: String(item.version), amount: '250', reason: '重要线索' });
    const [req] = await db().select().from(pointAwardRequests).where(eq(pointAwardRequests.idempotencyKey, `award:submission:${item.id}`));
    const missing = await leader.post(`/staff/approvals/${req.id}/reject`, { reason: '' });
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('请填写不予发放的理由');
    const ok = await leader.post(`/staff/approvals/${req.id}/reject`, { reason: '线索未经核实' });
    expect(ok.status).toBe(303);
    expect((await db().select().from(pointAwardRequests).where(eq(pointAwardRequests.id, req.id)))[0].status).toBe('rejected');
    expect(await auditCount(db(), 'console.award.reject', req.id)).toBe(1);
    expect(await balanceOf(db(), author.id)).toBe(0);
    expect((await leader.post(`/staff/approvals/${req.id}/approve`, {})).status).toBe(409);
  });
});
