// The staff item page against real Postgres: what it shows (privacy of the author, photos, duplicates, timeline with public and
// internal entries told apart), who may open it (coversItem; out of scope → 404) and the links to the points-action pages.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { departmentRequests, departments, replyTemplates, submissionEvents, submissions } from '../../src/db/schema';
import { useTestApp } from '../helpers/app';
import { pageVersion, staffClients } from './console-item-helpers';
import { demoWorld, insertItem, resident, type DemoWorld } from './me-helpers';

const t = useTestApp();
const staff = staffClients(t);
let w: DemoWorld;
beforeAll(async () => {
  w = await demoWorld(t.deps.database);
});

describe('GET /staff/items/:id', () => {
  it('shows the item, its author (name only: in-app contact) and a version in every action form', async () => {
    const author = await resident(t.deps.db, '王秀兰');
    const item = await insertItem(t.deps.db, w, { authorUserId: author.id, description: '5栋楼道堆满纸箱,消防通道被堵' });
    await t.deps.db.update(submissions).set({ suggestedPoints: 30, slaDueAt: new Date(Date.now() - 3600_000) }).where(eq(submissions.id, item.id));
    const res = await (await staff('worker1')).get(`/staff/items/${item.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(item.trackingNo);
    expect(html).toContain('5栋楼道堆满纸箱');
    expect(html).toContain('消防隐患');
    expect(html).toContain('待审核');
    expect(html).toContain('王秀兰');
    expect(html).not.toContain(author.phone);
    expect(html).toContain('30 分');
    expect(html).toContain('已超时');
    const forms = [...html.matchAll(/<form method="post" action="\/staff\/items[\s\S]*?<\/form>/g)].map((m) => m[0]);
    expect(forms.length).toBeGreaterThanOrEqual(5);
    for (const f of forms.filter((f) => !f.includes('bulk-answer'))) expect(f).toMatch(/name="version" value="\d+"/);
    for (const [href, label] of [['accept', '采纳并奖励'], ['duplicate', '标记重复'], ['escalate', '上报升级']]) {
      expect(html).toContain(`href="/staff/items/${item.id}/${href}"`);
      expect(html).toContain(label);
    }
    expect(html).not.toContain(`/staff/items/${item.id}/mediate`);
  });

  it('shows the phone only when the resident asked to be called or texted', async () => {
    const author = await resident(t.deps.db, '赵大爷');
    const item = await insertItem(t.deps.db, w, { authorUserId: author.id });
    await t.deps.db.update(submissions).set({ contactPref: 'phone' }).where(eq(submissions.id, item.id));
    const html = await (await (await staff('worker1')).get(`/staff/items/${item.id}`)).text();
    expect(html).toContain(author.phone);
    expect(html).toContain(`href="tel:${author.phone}"`);
  });

  it('hides an anonymous author completely: 匿名, never the name or the phone', async () => {
    const author = await resident(t.deps.db, '钱多多');
    const item = await insertItem(t.deps.db, w, { authorUserId: author.id, anonymous: true });
    await t.deps.db.update(submissions).set({ contactPref: 'phone' }).where(eq(submissions.id, item.id));
    await t.deps.db.insert(submissionEvents).values({ submissionId: item.id, kind: 'reopen', body: '还没处理好', public: true, actorUserId: author.id });
    const html = await (await (await staff('worker1')).get(`/staff/items/${item.id}`)).text();
    expect(html).toContain('匿名');
    expect(html).not.toContain('钱多多');
    expect(html).not.toContain(author.phone);
  });

  it('answers 404 outside the viewer’s scope, for police on ordinary items, and for malformed ids', async () => {
    const author = await resident(t.deps.db);
    const item = await insertItem(t.deps.db, w, { authorUserId: author.id, grid: 'grid1' });
    expect((await (await staff('worker2')).get(`/staff/items/${item.id}`)).status).toBe(404);
    expect((await (await staff('police.liu')).get(`/staff/items/${item.id}`)).status).toBe(404);
    expect((await (await staff('worker1')).get('/staff/items/99999999')).status).toBe(404);
    expect((await (await staff('worker1')).get('/staff/items/1x')).status).toBe(404);
    expect((await (await staff('leader.li')).get(`/staff/items/${item.id}`)).status).toBe(404);
    expect((await (await staff('leader.chen')).get(`/staff/items/${item.id}`)).status).toBe(200);
    expect((await (await staff('clerk.sun')).get(`/staff/items/${item.id}`)).status).toBe(403);
    const anon = await t.client().get(`/staff/items/${item.id}`);
    expect(anon.status).toBe(303);
  });

  it('lets community police open police-related and tier-3 items, with notes worded 仅内部可见', async () => {
    const author = await resident(t.deps.db);
    const item = await insertItem(t.deps.db, w, { authorUserId: author.id });
    await t.deps.db.update(submissions).set({ policeRelated: true }).where(eq(submissions.id, item.id));
    const res = await (await staff('police.liu')).get(`/staff/items/${item.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('仅内部可见');
    expect(html).toMatch(/value="private" checked/);
    expect(html).not.toContain(`/staff/items/${item.id}/escalate`);
    const tier3 = await insertItem(t.deps.db, w, { authorUserId: author.id, grid: 'grid3' });
    await t.deps.db.update(submissions).set({ tier: 3 }).where(eq(submissions.id, tier3.id));
    expect((await (await staff('police.wang')).get(`/staff/items/${tier3.id}`)).status).toBe(200);
  });

  it('links the probable duplicate and lists similar open items in scope with their versions for a bulk answer', async () => {
    const a = await resident(t.deps.db);
    const first = await insertItem(t.deps.db, w, { authorUserId: a.id, description: '3号楼东侧路灯坏了晚上很黑' });
    const second = await insertItem(t.deps.db, w, { authorUserId: a.id, description: '3号楼东侧路灯坏了,晚上很黑很危险' });
    const elsewhere = await insertItem(t.deps.db, w, { authorUserId: a.id, description: '3号楼东侧路灯坏了晚上很黑', grid: 'grid3' });
    const unrelated = await insertItem(t.deps.db, w, { authorUserId: a.id, description: '小区门口有人摆摊卖菜占道' });
    await t.deps.db.update(submissions).set({ probableDuplicateOfId: first.id, probableDuplicateScore: 0.82 }).where(eq(submissions.id, second.id));
    const html = await (await (await staff('worker1')).get(`/staff/items/${second.id}`)).text();
    expect(html).toContain(`href="/staff/items/${first.id}"`);
    expect(html).toContain(`疑似重复:${first.trackingNo}(相似度 82%)`);
    expect(html).toContain(`name="pick.${first.id}" value="${first.version}"`);
    expect(html).toContain(`name="pick.${second.id}" value="${second.version}"`);
    expect(html).not.toContain(`pick.${elsewhere.id}"`);
    expect(html).not.toContain(`pick.${unrelated.id}"`);
  });

  it('shows the timeline with public and internal entries marked, department requests, assignee and templates', async () => {
    const a = await resident(t.deps.db);
    const item = await insertItem(t.deps.db, w, { authorUserId: a.id, status: 'routed' });
    const [dept] = await t.deps.db.insert(departments).values({ communityId: w.community.id, name: `物业公司${item.id}`, contact: '028-1234' }).returning();
    const worker = (await t.deps.db.query.users.findFirst({ where: (u, { eq }) => eq(u.username, 'worker1') }))!;
    await t.deps.db.insert(departmentRequests).values({ submissionId: item.id, departmentId: dept.id, note: '请尽快修理', routedBy: worker.id });
    await t.deps.db.update(submissions).set({ assignedUserId: worker.id }).where(eq(submissions.id, item.id));
    await t.deps.db.insert(submissionEvents).values([
      { submissionId: item.id, kind: 'reply', body: '已经联系物业了', public: true, actorUserId: worker.id },
      { submissionId: item.id, kind: 'note', body: '物业经理电话不通', public: false, actorUserId: worker.id },
    ]);
    await t.deps.db.insert(replyTemplates).values({ communityId: w.community.id, title: `已转物业${item.id}`, body: '您好,已转交物业公司处理,请耐心等待。' });
    const client = await staff('worker1');
    const html = await (await client.get(`/staff/items/${item.id}`)).text();
    expect(html).toMatch(/data-public="1"[\s\S]*?公开回复[\s\S]*?居民可见[\s\S]*?已经联系物业了/);
    expect(html).toMatch(/data-public="0"[\s\S]*?内部备注[\s\S]*?仅内部可见[\s\S]*?物业经理电话不通/);
    expect(html).toContain(`转派至 物业公司${item.id}`);
    expect(html).toContain('请尽快修理');
    expect(html).toContain('记录答复');
    expect(html).toContain('张伟');
    expect(html).toContain(`已转物业${item.id}`);
    const [tpl] = await t.deps.db.select().from(replyTemplates).where(eq(replyTemplates.title, `已转物业${item.id}`));
    const filled = await (await client.get(`/staff/items/${item.id}?template=${tpl.id}`)).text();
    expect(filled).toMatch(/<textarea[^>]*name="body"[^>]*>您好,已转交物业公司处理,请耐心等待。<\/textarea>/);
    expect(pageVersion(filled)).toBe(String(item.version));
  });
});
