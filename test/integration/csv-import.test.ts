// CSV import through the routes: preview shows row errors and writes nothing; confirm writes all rows in one go; GBK works; 50 MB is a 413.
import { and, eq } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, grids, importBatches, places, staffRoleGrids, staffRoles, users } from '../../src/db/schema';
import { useTestApp, type TestClient } from '../helpers/app';
import { makeCommunity, makeGrid, makeStaff } from '../helpers/builders';

const t = useTestApp();
let admin: TestClient;
let adminId: number;
let community: Awaited<ReturnType<typeof makeCommunity>>;
let grid: Awaited<ReturnType<typeof makeGrid>>;

beforeAll(async () => {
  community = await makeCommunity(t.deps.db);
  grid = await makeGrid(t.deps.db, community.id, { code: `${community.code}001` });
  const a = await makeStaff(t.deps.db, { communityId: community.id, role: 'community_admin' });
  adminId = a.user.id;
  admin = t.client();
  await admin.signInStaff(a.username, a.password);
});

function upload(client: TestClient, path: string, bytes: Uint8Array | string, name = 'data.csv') {
  const form = new FormData();
  form.append('file', new Blob([typeof bytes === 'string' ? bytes : Buffer.from(bytes)], { type: 'text/csv' }), name);
  return client.request(path, { method: 'POST', body: form });
}
const batchIdOf = (html: string) => Number(/\/admin\/import\/batches\/(\d+)\/confirm/.exec(html)?.[1]);
const countPlaces = async () => (await t.deps.db.select().from(places).where(eq(places.communityId, community.id))).length;

describe('CSV import', () => {
  it('previews places with a bad row in the middle and writes nothing', async () => {
    const csv = [
      '地点编号,名称,类型,上级编号,网格编码,楼层,单元数',
      'm-cy,中庭院,院落,,,,',
      'm-b1,1栋,楼栋,m-cy,' + grid.code + ',6,2',
      'm-b2,2栋,楼栋,m-nope,,6,x',
      'm-u1,1单元,单元,m-b1,,,',
    ].join('\r\n');
    const res = await upload(admin, `/admin/import/${community.id}/places`, csv);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('第 4 行');
    expect(html).toContain('找不到这个上级编号');
    expect(html).toContain('请填写整数');
    expect(html).toContain('本次不会写入任何数据');
    expect(html).not.toContain('/confirm');
    expect(await countPlaces()).toBe(0);
  });

  it('imports a GBK file (what Excel in China saves) after preview, in one transaction, with an audit row', async () => {
    const csv = ['地点编号,名称,类型,上级编号,网格编码,楼层,单元数', 'g-cy,翠柳苑,院落,,,,', `g-b1,１栋,楼栋,g-cy,${grid.code},６,2`, 'g-u1,1单元,单元,g-b1,,,', 'g-cp,北门巡逻点,巡逻点,g-cy,,,'].join('\r\n');
    const res = await upload(admin, `/admin/import/${community.id}/places`, new Uint8Array(iconv.encode(csv, 'gbk')), '地点.csv');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('GBK 编码');
    expect(html).toContain('翠柳苑');
    expect(html).toContain('全部 4 行检查通过');
    expect(await countPlaces()).toBe(0);

    const done = await admin.post(`/admin/import/batches/${batchIdOf(html)}/confirm`, {});
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('已导入 4 行地点');
    const rows = await t.deps.db.select().from(places).where(eq(places.communityId, community.id));
    const byKey = new Map(rows.map((r) => [r.key, r]));
    expect(byKey.get('g-b1')).toMatchObject({ name: '1栋', kind: 'building', floors: 6, units: 2, gridId: grid.id, parentId: byKey.get('g-cy')!.id });
    expect(byKey.get('g-u1')!.parentId).toBe(byKey.get('g-b1')!.id);
    const [audit] = await t.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'import.places'), eq(auditLog.communityId, community.id)));
    expect(audit).toMatchObject({ actorUserId: adminId, after: expect.objectContaining({ created: 4 }) });

    // A second tap on "confirm" writes nothing and says so.
    const again = await admin.post(`/admin/import/batches/${batchIdOf(html)}/confirm`, {});
    expect(await again.text()).toContain('已经导入过了');
    expect(await countPlaces()).toBe(4);
  });

  it('re-checks at confirm time: a clash that appeared after the preview writes nothing', async () => {
    const csv = `网格编码,网格名称,类型,户数\n${community.code}201,甲网格,综合网格,200\n${community.code}202,乙网格,专属网格,250\n`;
    const html = await (await upload(admin, `/admin/import/${community.id}/grids`, csv)).text();
    const id = batchIdOf(html);
    expect(id).toBeGreaterThan(0);
    await makeGrid(t.deps.db, community.id, { code: `${community.code}202` });
    const res = await admin.post(`/admin/import/batches/${id}/confirm`, {});
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('这个网格编码已被使用');
    expect(await t.deps.db.select().from(grids).where(eq(grids.code, `${community.code}201`))).toHaveLength(0);
  });

  it('imports grids with English headers and a BOM, refusing wrong prefixes and duplicates per row', async () => {
    const bad = `\uFEFFcode,name,kind,households\n${community.code}301,A,comprehensive,1\n123456789012301,B,,2\n${community.code}301,C,,3\n${community.code}30,D,,4\n`;
    const html = await (await upload(admin, `/admin/import/${community.id}/grids`, bad)).text();
    expect(html).toContain('UTF-8 编码(带 BOM)');
    expect(html).toContain('应以本社区编码');
    expect(html).toContain('与第 2 行重复');
    expect(html).toContain('现在是 14 位');
    const good = `\uFEFFcode,name,kind,households\n${community.code}301,A,comprehensive,1\n${community.code}302,B,dedicated,\n`;
    const ok = await (await upload(admin, `/admin/import/${community.id}/grids`, good)).text();
    expect((await admin.post(`/admin/import/batches/${batchIdOf(ok)}/confirm`, {})).status).toBe(200);
    const [b] = await t.deps.db.select().from(grids).where(eq(grids.code, `${community.code}302`));
    expect(b).toMatchObject({ kind: 'dedicated', households: 0, communityId: community.id });
  });

  it('imports staff with one-time passwords shown once, roles and grid scopes', async () => {
    const csv = `用户名,姓名,角色,网格编码(多个用 | 分隔)\nimp.wang,王小丽,网格员|网格长,${grid.code}\nimp.liu,刘警官,社区民警,\nimp.wang,王小丽,组织者,\n`;
    const html = await (await upload(admin, `/admin/import/${community.id}/staff`, csv)).text();
    const res = await admin.post(`/admin/import/batches/${batchIdOf(html)}/confirm`, {});
    expect(res.headers.get('cache-control')).toBe('no-store');
    const page = await res.text();
    expect(page).toContain('只显示这一次');
    const pw = new RegExp('imp\\.liu</td><td class="mono">([a-z0-9]{10})<').exec(page)?.[1];
    expect(pw).toBeTruthy();
    const [wang] = await t.deps.db.select().from(users).where(eq(users.username, 'imp.wang'));
    expect(wang).toMatchObject({ displayName: '王小丽', mustChangePassword: true, kind: 'staff' });
    const roles = await t.deps.db.select().from(staffRoles).where(eq(staffRoles.userId, wang.id));
    expect(roles.map((r) => `${r.role}:${r.scope}`).sort()).toEqual(['grid_leader:grids', 'grid_worker:grids', 'organiser:community']);
    const links = await t.deps.db.select().from(staffRoleGrids).where(eq(staffRoleGrids.staffRoleId, roles.find((r) => r.role === 'grid_worker')!.id));
    expect(links.map((l) => l.gridId)).toEqual([grid.id]);
    expect(await t.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'staff.create'), eq(auditLog.targetId, String(wang.id))))).toHaveLength(1);
    // Nothing secret is kept with the batch.
    const [batch] = await t.deps.db.select().from(importBatches).where(eq(importBatches.id, batchIdOf(html)));
    expect(JSON.stringify(batch)).not.toContain(pw!);
    // The new account signs in with the one-time password and must change it first.
    const fresh = t.client();
    const signIn = await fresh.signInStaff('imp.liu', pw!);
    expect(signIn.status).toBe(303);
    expect((await fresh.get('/staff')).headers.get('location')).toBe('/account/password');
  });

  it('sends file-level problems back to the upload form in Chinese', async () => {
    const missing = await upload(admin, `/admin/import/${community.id}/grids`, '网格名称\n甲\n');
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('缺少必需的列:网格编码');
    const utf16 = await upload(admin, `/admin/import/${community.id}/grids`, new Uint8Array(iconv.encode('\ufeffcode,name', 'utf-16le')));
    expect(await utf16.text()).toContain('UTF-16');
    const empty = await upload(admin, `/admin/import/${community.id}/grids`, '');
    expect(await empty.text()).toContain('请选择要上传的 CSV 文件');
    const urlencoded = await admin.post(`/admin/import/${community.id}/grids`, { file: 'x' });
    expect(urlencoded.status).toBe(415);
  });

  it('refuses a 50 MB upload with a 413 in Chinese, without reading it', async () => {
    const big = new Uint8Array(50 * 1024 * 1024).fill(0x61);
    const res = await upload(admin, `/admin/import/${community.id}/places`, big);
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('CSV 文件太大了,一次最多上传 10 MB');
  });

  it('hides other communities and other admins’ batches', async () => {
    const other = await makeCommunity(t.deps.db);
    expect((await upload(admin, `/admin/import/${other.id}/grids`, 'code,name\n1,2\n')).status).toBe(404);
    expect((await admin.get(`/admin/c/${other.id}/export/grids.csv`)).status).toBe(404);
    const csv = `网格编码,网格名称\n${community.code}401,丙\n`;
    const id = batchIdOf(await (await upload(admin, `/admin/import/${community.id}/grids`, csv)).text());
    const second = await makeStaff(t.deps.db, { communityId: community.id, role: 'community_admin' });
    const other2 = t.client();
    await other2.signInStaff(second.username, second.password);
    expect((await other2.post(`/admin/import/batches/${id}/confirm`, {})).status).toBe(404);
    expect((await admin.post(`/admin/import/batches/abc/confirm`, {})).status).toBe(404);
    expect((await upload(admin, `/admin/import/${community.id}/qr_codes`, csv)).status).toBe(404);
  });
});
