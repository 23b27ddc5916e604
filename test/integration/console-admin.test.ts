// Console admin pages against real Postgres: departments and reply templates (seeded, CRUD, duplicates refused in
// Chinese, deactivate after asking, audited, scoped) and the audit log search (actor, action, target, dates, paging).
import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, departments, replyTemplates } from '../../src/db/schema';
import { recordAudit } from '../../src/domain/audit/record-audit';
import { listDepartments } from '../../src/domain/departments/list-departments';
import { listReplyTemplates } from '../../src/domain/reply-templates/list-reply-templates';
import { useTestApp, type TestClient } from '../helpers/app';
import { badInputs, badTexts } from '../helpers/bad-inputs';
import { makeCommunity, makeStaff } from '../helpers/builders';
import { DEMO_PASSWORD, demoWorld, type DemoWorld } from './me-helpers';

const t = useTestApp();
let w: DemoWorld;
let admin: TestClient;
let adminId: number;

beforeAll(async () => {
  w = await demoWorld(t.deps.database);
  admin = t.client();
  expect((await admin.signInStaff('admin', DEMO_PASSWORD)).status).toBe(303);
  adminId = (await t.deps.db.query.users.findFirst({ where: (u, { eq: e }) => e(u.username, 'admin') }))!.id;
});

const lastAudit = async (action: string) =>
  (await t.deps.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).limit(1))[0];

describe('seed and the lists the item page uses', () => {
  it('the demo community has its departments and reply templates', async () => {
    const names = (await listDepartments(t.deps.db, w.community.id)).map((d) => d.name);
    expect(names).toEqual(expect.arrayContaining(['物业公司', '城市管理', '市场监管', '派出所', '街道办事处']));
    const titles = (await listReplyTemplates(t.deps.db, w.community.id)).map((r) => r.title);
    expect(titles.slice(0, 4)).toEqual(['已收到', '已转派', '已办结', '需补充信息']);
    expect(titles.length).toBeGreaterThanOrEqual(4);
    expect(titles.length).toBeLessThanOrEqual(6);
  });
});

describe('/admin/departments', () => {
  it('the short address opens the admin’s community; others are refused', async () => {
    const res = await admin.get('/admin/departments');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/c/${w.community.id}/departments`);
    const html = await (await admin.get(`/admin/c/${w.community.id}/departments`)).text();
    expect(html).toContain('物业公司');
    expect(html).toContain('街道办事处');
    const worker = t.client();
    await worker.signInStaff('worker1', DEMO_PASSWORD);
    expect((await worker.get(`/admin/c/${w.community.id}/departments`)).status).toBe(403);
  });

  it('creates, refuses a duplicate in Chinese with the values kept, edits, and audits', async () => {
    const base = `/admin/c/${w.community.id}/departments`;
    const created = await admin.post(`${base}/new`, { name: '  环卫所 ', contact: '王所长 028-1234' });
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toBe(`${base}?ok=saved`);
    const [row] = await t.deps.db.select().from(departments).where(and(eq(departments.communityId, w.community.id), eq(departments.name, '环卫所')));
    expect(row.contact).toBe('王所长 028-1234');
    const audit = await lastAudit('department.create');
    expect(audit).toMatchObject({ actorUserId: adminId, communityId: w.community.id, targetType: 'department', targetId: String(row.id) });
    expect(audit.after).toEqual({ name: '环卫所', contact: '王所长 028-1234' });

    const dup = await admin.post(`${base}/new`, { name: '物业公司', contact: '新的联系方式' });
    expect(dup.status).toBe(422);
    const dupHtml = await dup.text();
    expect(dupHtml).toContain('本社区已经有名为「物业公司」的部门了');
    expect(dupHtml).toContain('value="新的联系方式"');
    const empty = await admin.post(`${base}/new`, { name: ' \u3000', contact: '' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('class="field has-error"');

    // Renaming onto another department's name is refused too; renaming itself is fine.
    expect((await admin.post(`/admin/departments/${row.id}`, { name: '城市管理', contact: '' })).status).toBe(422);
    const edited = await admin.post(`/admin/departments/${row.id}`, { name: '环卫所(东)', contact: '' });
    expect(edited.status).toBe(303);
    const upd = await lastAudit('department.update');
    expect(upd.before).toEqual({ name: '环卫所', contact: '王所长 028-1234' });
    expect(upd.after).toEqual({ name: '环卫所(东)', contact: '' });
  });

  it('asks before deactivating; inactive ones leave the item page list and can come back', async () => {
    const [dept] = await t.deps.db.insert(departments).values({ communityId: w.community.id, name: '消防站', contact: '' }).returning();
    const ask = await admin.get(`/admin/departments/${dept.id}/deactivate`);
    expect(ask.status).toBe(200);
    const askHtml = await ask.text();
    expect(askHtml).toContain('确定停用「消防站」吗');
    expect(askHtml).toContain(`action="/admin/departments/${dept.id}/deactivate"`);
    // Only asking changes nothing.
    expect((await listDepartments(t.deps.db, w.community.id)).map((d) => d.name)).toContain('消防站');
    const done = await admin.post(`/admin/departments/${dept.id}/deactivate`, {});
    expect(done.status).toBe(303);
    expect((await listDepartments(t.deps.db, w.community.id)).map((d) => d.name)).not.toContain('消防站');
    expect((await lastAudit('department.deactivate')).before).toEqual({ active: true });
    const list = await (await admin.get(`/admin/c/${w.community.id}/departments?ok=deactivated`)).text();
    expect(list).toContain('已停用。');
    expect(list).toContain(`action="/admin/departments/${dept.id}/activate"`);
    expect((await admin.post(`/admin/departments/${dept.id}/activate`, {})).status).toBe(303);
    expect((await listDepartments(t.deps.db, w.community.id)).map((d) => d.name)).toContain('消防站');
  });

  it('another community’s admin gets 404 for ours; odd ids are 404', async () => {
    const other = await makeCommunity(t.deps.db);
    const a = await makeStaff(t.deps.db, { communityId: other.id, role: 'community_admin' });
    const client = t.client();
    await client.signInStaff(a.username, a.password);
    const [dept] = await listDepartments(t.deps.db, w.community.id);
    expect((await client.get(`/admin/departments/${dept.id}`)).status).toBe(404);
    expect((await client.post(`/admin/departments/${dept.id}/deactivate`, {})).status).toBe(404);
    expect((await client.post(`/admin/c/${w.community.id}/departments/new`, { name: '越权部门', contact: '' })).status).toBe(404);
    for (const id of badInputs.ids) expect((await admin.get(`/admin/departments/${encodeURIComponent(id)}`)).status, id).toBe(404);
  });

  it('hostile names are refused or stored and shown escaped, never a 500', async () => {
    const base = `/admin/c/${w.community.id}/departments`;
    for (const [i, value] of badTexts().entries()) {
      const res = await admin.post(`${base}/new`, { name: value, contact: value });
      expect(res.status, `case ${i}`).toBeLessThan(500);
      expect([303, 400, 413, 422], `case ${i}`).toContain(res.status);
    }
    const html = await (await admin.get(base)).text();
    expect(html).not.toMatch(/<script>alert|<img src=x/);
  });
});

describe('/admin/reply-templates', () => {
  it('creates with line breaks kept, refuses duplicates and over-long bodies, deactivates after asking', async () => {
    const base = `/admin/c/${w.community.id}/reply-templates`;
    expect((await admin.get('/admin/reply-templates')).headers.get('location')).toBe(base);
    const res = await admin.post(`${base}/new`, { title: '已联系物业', body: '您好,\r\n已联系物业处理。\r\n请耐心等待。' });
    expect(res.status).toBe(303);
    const [row] = await t.deps.db.select().from(replyTemplates).where(and(eq(replyTemplates.communityId, w.community.id), eq(replyTemplates.title, '已联系物业')));
    expect(row.body).toBe('您好,\n已联系物业处理。\n请耐心等待。');
    expect(row.createdBy).toBe(adminId);
    expect((await lastAudit('reply_template.create')).after).toEqual({ title: '已联系物业', body: row.body });

    const dup = await admin.post(`${base}/new`, { title: '已收到', body: '别的内容' });
    expect(dup.status).toBe(422);
    const dupHtml = await dup.text();
    expect(dupHtml).toContain('本社区已经有名为「已收到」的模板了');
    expect(dupHtml).toContain('别的内容');
    const long = await admin.post(`${base}/new`, { title: '很长', body: '长'.repeat(501) });
    expect(long.status).toBe(422);
    expect(await long.text()).toContain('500');

    const ask = await (await admin.get(`/admin/reply-templates/${row.id}/deactivate`)).text();
    expect(ask).toContain('确定停用模板「已联系物业」吗');
    expect((await admin.post(`/admin/reply-templates/${row.id}/deactivate`, {})).status).toBe(303);
    expect((await listReplyTemplates(t.deps.db, w.community.id)).map((r) => r.title)).not.toContain('已联系物业');
    expect((await lastAudit('reply_template.deactivate')).after).toEqual({ active: false });

    const edit = await admin.post(`/admin/reply-templates/${row.id}`, { title: '已联系物业公司', body: '已联系。' });
    expect(edit.status).toBe(303);
    expect((await lastAudit('reply_template.update')).before).toEqual({ title: '已联系物业', body: row.body });
  });
});

describe('/admin/audit', () => {
  it('searches the community’s log by actor, action, target and dates, and shows before/after readably', async () => {
    const db = t.deps.db;
    const other = await makeCommunity(db);
    const worker = await makeStaff(db, { communityId: w.community.id, role: 'grid_worker', username: `auditor.${Date.now()}` });
    await recordAudit(db, { actorUserId: worker.user.id, communityId: w.community.id, action: 'item.claim', targetType: 'submission', targetId: 424242, before: { assignedUserId: null, status: 'pending_review' }, after: { assignedUserId: worker.user.id, status: 'pending_review' } });
    await recordAudit(db, { actorUserId: worker.user.id, communityId: other.id, action: 'item.claim', targetType: 'submission', targetId: 515151 });
    const base = `/admin/c/${w.community.id}/audit`;
    expect((await admin.get('/admin/audit')).headers.get('location')).toBe(base);

    const byActor = await (await admin.get(`${base}?actor=${worker.username}`)).text();
    expect(byActor).toContain('submission #424242');
    expect(byActor).not.toContain('515151');
    expect(byActor).not.toContain('department.create');
    // Changed fields are marked; unchanged ones are shown plainly.
    expect(byActor).toMatch(/<tr class="changed"><th scope="row">assignedUserId<\/th>/);
    expect(byActor).toMatch(/<tr><th scope="row">status<\/th><td>pending_review<\/td>/);

    expect(await (await admin.get(`${base}?target=submission:424242`)).text()).toContain('item.claim');
    expect(await (await admin.get(`${base}?target=424242&action=claim`)).text()).toContain('submission #424242');
    expect(await (await admin.get(`${base}?action=no.such.action`)).text()).toContain('没有符合条件的记录');

    // Dates are the display zone's days: today (Shanghai) includes it, yesterday does not.
    const day = (offsetDays: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + offsetDays * 86400_000));
    expect(await (await admin.get(`${base}?actor=${worker.username}&from=${day(0)}&to=${day(0)}`)).text()).toContain('424242');
    expect(await (await admin.get(`${base}?actor=${worker.username}&to=${day(-1)}`)).text()).not.toContain('424242');

    const reversed = await admin.get(`${base}?from=${day(0)}&to=${day(-3)}`);
    expect(reversed.status).toBe(422);
    expect(await reversed.text()).toContain('结束日期不能早于开始日期');
    for (const bad of badInputs.dates.filter(Boolean)) {
      const res = await admin.get(`${base}?from=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBeLessThan(500);
    }
    expect((await admin.get(`${base}?from=2026-02-30`)).status).toBe(422);

    // htmx gets the list partial, errors included.
    const partial = await admin.get(`${base}?actor=${worker.username}`, { 'HX-Request': 'true', 'HX-Request-Type': 'partial' });
    expect((await partial.text()).startsWith('<div id="audit-list">')).toBe(true);
    const badPartial = await admin.get(`${base}?from=nope`, { 'HX-Request': 'true', 'HX-Request-Type': 'partial' });
    expect(badPartial.status).toBe(422);
    expect(await badPartial.text()).toMatch(/^<div id="audit-list"><p class="form-error"/);
  });

  it('pages 50 at a time with the filters kept', async () => {
    const db = t.deps.db;
    const worker = await makeStaff(db, { communityId: w.community.id, role: 'grid_worker', username: `pager.${Date.now()}` });
    for (let i = 0; i < 53; i++) await recordAudit(db, { actorUserId: worker.user.id, communityId: w.community.id, action: 'item.note', targetType: 'submission', targetId: 9000 + i });
    const base = `/admin/c/${w.community.id}/audit`;
    const page1 = await (await admin.get(`${base}?actor=${worker.username}`)).text();
    expect(page1).toContain('共 53 条');
    expect((page1.match(/data-audit="item.note"/g) ?? []).length).toBe(50);
    expect(page1).toContain(`href="${base}?actor=${worker.username.replace('.', '.')}&amp;page=2"`);
    const page2 = await (await admin.get(`${base}?actor=${worker.username}&page=2`)).text();
    expect((page2.match(/data-audit="item.note"/g) ?? []).length).toBe(3);
    expect(page2).toContain('submission #9000');
  });
});
