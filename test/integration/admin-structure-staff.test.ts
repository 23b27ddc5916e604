// Staff accounts through the admin routes: open with a one-time password, roles and grid scopes, disable, scope checks.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, sessions, staffRoleGrids, staffRoles, users } from '../../src/db/schema';
import { useTestApp, type TestClient } from '../helpers/app';
import { makeCommunity, makeGrid, makeStaff } from '../helpers/builders';

const t = useTestApp();
let admin: TestClient;
let adminId: number;
let community: Awaited<ReturnType<typeof makeCommunity>>;
let g1: Awaited<ReturnType<typeof makeGrid>>;
let g2: Awaited<ReturnType<typeof makeGrid>>;

beforeAll(async () => {
  community = await makeCommunity(t.deps.db);
  g1 = await makeGrid(t.deps.db, community.id);
  g2 = await makeGrid(t.deps.db, community.id);
  const a = await makeStaff(t.deps.db, { communityId: community.id, role: 'community_admin' });
  adminId = a.user.id;
  admin = t.client();
  await admin.signInStaff(a.username, a.password);
});

const base = () => `/admin/c/${community.id}/staff`;
const rolesOf = (userId: number) => t.deps.db.select().from(staffRoles).where(and(eq(staffRoles.userId, userId), eq(staffRoles.communityId, community.id)));

describe('staff admin', () => {
  it('opens an account scoped to two grids and shows the one-time password once', async () => {
    const res = await admin.post(`${base()}/new`, { username: ' Zhang.Wei ', name: '张伟', role: 'grid_worker', [`g.${g1.id}`]: '1', [`g.${g2.id}`]: '1' });
    expect(res.status).toBe(200);
    const html = await res.text();
    const password = /一次性密码:([a-z0-9]{10})/.exec(html)?.[1];
    expect(password).toBeTruthy();
    const [u] = await t.deps.db.select().from(users).where(eq(users.username, 'zhang.wei'));
    expect(u).toMatchObject({ displayName: '张伟', mustChangePassword: true });
    const [role] = await rolesOf(u.id);
    expect(role).toMatchObject({ role: 'grid_worker', scope: 'grids' });
    const links = await t.deps.db.select().from(staffRoleGrids).where(eq(staffRoleGrids.staffRoleId, role.id));
    expect(links.map((l) => l.gridId).sort()).toEqual([g1.id, g2.id].sort());
    const [audit] = await t.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'staff.create'), eq(auditLog.targetId, String(u.id))));
    expect(audit.actorUserId).toBe(adminId);
    expect(JSON.stringify(audit)).not.toContain(password!);
    // Several accounts, so role ids and user ids differ: the list must match staff by user, not by accident.
    for (let i = 0; i < 3; i++) await makeStaff(t.deps.db, { communityId: community.id, role: 'police', username: `list.police${i}` });
    const all = await (await admin.get(base())).text();
    expect(all).toContain('张伟');
    expect(all).toContain('list.police2');
    const police = await (await admin.get(`${base()}?role=police`)).text();
    expect(police).toContain('list.police0');
    expect(police).not.toContain('张伟');
    expect(await (await admin.get(`${base()}?q=${encodeURIComponent('张')}`)).text()).not.toContain('list.police1');
  });

  it('refuses bad and taken usernames and foreign grid ids, keeping values', async () => {
    const bad = await admin.post(`${base()}/new`, { username: 'ab', name: '李四', role: 'police' });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('用户名需 3–32 位');
    expect(html).toContain('value="李四"');
    expect(await (await admin.post(`${base()}/new`, { username: 'zhang.wei', name: 'x', role: 'police' })).text()).toContain('这个用户名已被使用');
    const other = await makeCommunity(t.deps.db);
    const foreignGrid = await makeGrid(t.deps.db, other.id);
    const forged = await admin.post(`${base()}/new`, { username: 'forged.grid', name: 'x', role: 'grid_worker', [`g.${foreignGrid.id}`]: '1' });
    expect(forged.status).toBe(422);
    expect(await forged.text()).toContain('所选网格不属于本社区');
    expect(await t.deps.db.select().from(users).where(eq(users.username, 'forged.grid'))).toHaveLength(0);
    expect((await admin.post(`${base()}/new`, { username: 'bad.role', name: 'x', role: 'superuser' })).status).toBe(422);
  });

  it('renames, adds a role, widens a scope, and removes a role; the last role and the last admin stay', async () => {
    const [u] = await t.deps.db.select().from(users).where(eq(users.username, 'zhang.wei'));
    expect((await admin.post(`${base()}/${u.id}`, { name: '张伟(东)' })).status).toBe(303);
    expect((await admin.post(`${base()}/${u.id}/roles`, { role: 'organiser' })).status).toBe(303);
    expect((await admin.post(`${base()}/${u.id}/roles`, { role: 'grid_worker', [`g.${g1.id}`]: '1' })).status).toBe(303);
    const roles = await rolesOf(u.id);
    expect(roles.map((r) => `${r.role}:${r.scope}`).sort()).toEqual(['grid_worker:grids', 'organiser:community']);
    const page = await (await admin.get(`${base()}/${u.id}`)).text();
    expect(page).toContain('张伟(东)');
    expect(page).toContain('组织者(全社区)');

    expect((await admin.post(`${base()}/${u.id}/roles/organiser/remove`, {})).status).toBe(303);
    const last = await admin.post(`${base()}/${u.id}/roles/grid_worker/remove`, {});
    expect(last.status).toBe(409);
    expect(await last.text()).toContain('唯一的角色');
    expect(await (await admin.post(`${base()}/${adminId}/roles/community_admin/remove`, {})).text()).toContain('唯一的角色');
    const actions = (await t.deps.db.select().from(auditLog).where(eq(auditLog.targetId, String(u.id)))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['staff.rename', 'staff.role.set', 'staff.role.remove']));
  });

  it('disables an account (its sessions end) and enables it again; never oneself', async () => {
    const w = await makeStaff(t.deps.db, { communityId: community.id, role: 'grid_worker' });
    const worker = t.client();
    await worker.signInStaff(w.username, w.password);
    expect((await worker.get('/staff')).status).toBe(200);
    expect(await (await admin.get(`${base()}/${w.user.id}/disable`)).text()).toContain('确定停用吗');
    expect((await admin.post(`${base()}/${w.user.id}/disable`, {})).status).toBe(303);
    expect(await t.deps.db.select().from(sessions).where(eq(sessions.userId, w.user.id))).toHaveLength(0);
    expect((await worker.get('/staff')).status).toBe(303);
    expect((await t.client().signInStaff(w.username, w.password)).status).not.toBe(303);
    expect(await (await admin.get(`${base()}?q=${w.username}`)).text()).toContain('已停用');
    expect((await admin.post(`${base()}/${w.user.id}/enable`, {})).status).toBe(303);
    expect((await t.client().signInStaff(w.username, w.password)).status).toBe(303);
    const self = await admin.post(`${base()}/${adminId}/disable`, {});
    expect(self.status).toBe(409);
    expect(await self.text()).toContain('不能停用自己的账号');
  });

  it('reads staff of other communities as not found', async () => {
    const other = await makeCommunity(t.deps.db);
    const foreign = await makeStaff(t.deps.db, { communityId: other.id, role: 'police' });
    for (const path of [`${base()}/${foreign.user.id}`, `${base()}/${foreign.user.id}/disable`, `/admin/c/${other.id}/staff`, `/admin/staff/${foreign.user.id}/reset-password`]) {
      expect((await admin.get(path)).status, path).toBe(404);
    }
    expect((await admin.post(`${base()}/${foreign.user.id}`, { name: 'hijack' })).status).toBe(404);
    expect((await admin.post(`${base()}/${foreign.user.id}/disable`, {})).status).toBe(404);
    expect((await admin.post(`${base()}/${foreign.user.id}/roles`, { role: 'police' })).status).toBe(404);
    const [still] = await t.deps.db.select().from(users).where(eq(users.id, foreign.user.id));
    expect(still.disabledAt).toBeNull();
  });

  it('resets a password from the staff page and shows it there once', async () => {
    const w = await makeStaff(t.deps.db, { communityId: community.id, role: 'clerk' });
    const res = await admin.post(`/admin/staff/${w.user.id}/reset-password`, {});
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toMatch(/的一次性密码:[a-z0-9]{10}/);
  });
});
