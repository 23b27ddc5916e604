// Grids through the admin routes: create/edit/delete, code rules, another community's grid is 404, deleting one in use is refused.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, grids, qrCodes } from '../../src/db/schema';
import { useTestApp, type TestClient } from '../helpers/app';
import { makeCommunity, makeGrid, makePlace, makeStaff } from '../helpers/builders';

const t = useTestApp();
let admin: TestClient;
let community: Awaited<ReturnType<typeof makeCommunity>>;
let other: Awaited<ReturnType<typeof makeCommunity>>;
let adminId: number;

beforeAll(async () => {
  const db = t.deps.db;
  community = await makeCommunity(db);
  other = await makeCommunity(db);
  const a = await makeStaff(db, { communityId: community.id, role: 'community_admin' });
  adminId = a.user.id;
  admin = t.client();
  const res = await admin.signInStaff(a.username, a.password);
  expect(res.status).toBe(303);
});

const form = (over: Record<string, string> = {}) => ({ code: `${community.code}101`, name: '一网格', kind: 'comprehensive', households: '230', ...over });

describe('grids admin', () => {
  it('creates a grid, lists it, edits it, and audits both', async () => {
    const res = await admin.post(`/admin/c/${community.id}/grids/new`, form());
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/c/${community.id}/grids?ok=saved`);
    const list = await (await admin.get(`/admin/c/${community.id}/grids?ok=saved`)).text();
    expect(list).toContain('一网格');
    expect(list).toContain('网格已保存');
    const [g] = await t.deps.db.select().from(grids).where(eq(grids.code, `${community.code}101`));
    expect(g).toMatchObject({ name: '一网格', households: 230, communityId: community.id });

    const edit = await admin.post(`/admin/grids/${g.id}`, form({ name: '一网格(东)', kind: 'dedicated', households: '' }));
    expect(edit.status).toBe(303);
    const [after] = await t.deps.db.select().from(grids).where(eq(grids.id, g.id));
    expect(after).toMatchObject({ name: '一网格(东)', kind: 'dedicated', households: 0 });
    const audits = await t.deps.db.select().from(auditLog).where(and(eq(auditLog.targetType, 'grid'), eq(auditLog.targetId, String(g.id))));
    expect(audits.map((a) => a.action).sort()).toEqual(['grid.create', 'grid.update']);
    expect(audits.every((a) => a.actorUserId === adminId && a.communityId === community.id)).toBe(true);
  });

  it('filters the list and serves the list partial to htmx', async () => {
    const g = await makeGrid(t.deps.db, community.id, { name: '筛选专用网格' });
    await makePlace(t.deps.db, community.id, { gridId: g.id });
    await makePlace(t.deps.db, community.id, { gridId: g.id });
    const res = await admin.get(`/admin/c/${community.id}/grids?q=${encodeURIComponent('筛选专用')}`, { 'HX-Request': 'true', 'HX-Request-Type': 'partial' });
    const html = await res.text();
    expect(html.startsWith('<div id="grid-list">')).toBe(true);
    expect(html).toContain('筛选专用网格');
    expect(html).toContain('2 个地点');
    expect(html).not.toContain('一网格(东)');
    const none = await (await admin.get(`/admin/c/${community.id}/grids?q=zzzz-nothing`)).text();
    expect(none).toContain('没有符合条件的网格');
  });

  it.each([
    ['wrong length', `${'5'.repeat(14)}`, '应为 15 位数字,现在是 14 位'],
    ['letters', '51010501700300x', '只能是数字'],
    ['wrong prefix', '123456789012001', '应以本社区编码'],
  ])('refuses a code with %s, keeping the values', async (_, code, message) => {
    const res = await admin.post(`/admin/c/${community.id}/grids/new`, form({ code, name: '保留的名字' }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(message);
    expect(html).toContain('value="保留的名字"');
  });

  it('refuses a duplicate code, also one used by another community', async () => {
    const taken = await makeGrid(t.deps.db, community.id);
    const res = await admin.post(`/admin/c/${community.id}/grids/new`, form({ code: taken.code }));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('这个网格编码已被使用');
  });

  it('reads another community’s grid and pages as not found', async () => {
    const foreign = await makeGrid(t.deps.db, other.id);
    for (const path of [`/admin/grids/${foreign.id}`, `/admin/grids/${foreign.id}/delete`, `/admin/c/${other.id}/grids`, `/admin/c/${other.id}`]) {
      expect((await admin.get(path)).status, path).toBe(404);
    }
    expect((await admin.post(`/admin/grids/${foreign.id}`, form({ code: foreign.code }))).status).toBe(404);
    expect((await admin.post(`/admin/grids/${foreign.id}/delete`, {})).status).toBe(404);
    const [still] = await t.deps.db.select().from(grids).where(eq(grids.id, foreign.id));
    expect(still.name).toBe(foreign.name);
    for (const id of ['abc', '-1', '999999999999', '1;select 1', "' or '1'='1"]) {
      expect((await admin.get(`/admin/grids/${encodeURIComponent(id)}`)).status).toBe(404);
    }
  });

  it('refuses to delete a grid in use, saying why, and deletes an unused one after confirmation', async () => {
    const used = await makeGrid(t.deps.db, community.id);
    await makePlace(t.deps.db, community.id, { gridId: used.id });
    await t.deps.db.insert(qrCodes).values({ communityId: community.id, code: 'ABCDEFGHJKMNP', purpose: 'report', gridId: used.id, label: '测试码' });
    const page = await (await admin.get(`/admin/grids/${used.id}/delete`)).text();
    expect(page).toContain('1 个地点、1 个二维码');
    const res = await admin.post(`/admin/grids/${used.id}/delete`, {});
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('该网格仍在使用');
    expect(await t.deps.db.select().from(grids).where(eq(grids.id, used.id))).toHaveLength(1);

    const unused = await makeGrid(t.deps.db, community.id);
    expect(await (await admin.get(`/admin/grids/${unused.id}/delete`)).text()).toContain('确定删除网格');
    const del = await admin.post(`/admin/grids/${unused.id}/delete`, {});
    expect(del.status).toBe(303);
    expect(await t.deps.db.select().from(grids).where(eq(grids.id, unused.id))).toHaveLength(0);
    const [audit] = await t.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'grid.delete'), eq(auditLog.targetId, String(unused.id))));
    expect(audit.actorUserId).toBe(adminId);
  });

  it('sends non-admins away', async () => {
    const worker = await makeStaff(t.deps.db, { communityId: community.id, role: 'grid_worker' });
    const client = t.client();
    await client.signInStaff(worker.username, worker.password);
    expect((await client.get(`/admin/c/${community.id}/grids`)).status).toBe(403);
    expect((await t.client().get(`/admin/c/${community.id}/grids`)).status).toBe(303);
  });
});
