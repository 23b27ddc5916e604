// CSV export through the routes: BOM + CRLF for Excel, formula cells neutralised, RFC 5987 file names, only this community's rows.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema';
import { useTestApp, type TestClient } from '../helpers/app';
import { makeCommunity, makeGrid, makePlace, makeStaff } from '../helpers/builders';

const t = useTestApp();
let admin: TestClient;
let community: Awaited<ReturnType<typeof makeCommunity>>;

beforeAll(async () => {
  const db = t.deps.db;
  community = await makeCommunity(db, { name: '导出社区' });
  const grid = await makeGrid(db, community.id, { name: "=cmd|' /C calc'!A0", households: 210 });
  const cy = await makePlace(db, community.id, { kind: 'courtyard', name: '@SUM(1+1)*cmd|x', key: 'ex-cy' });
  await makePlace(db, community.id, { kind: 'building', name: '+1栋,"引号"', key: 'ex-b1', parentId: cy.id, gridId: grid.id });
  await makeStaff(db, { communityId: community.id, role: 'grid_worker', gridIds: [grid.id], username: 'ex.worker' });
  const other = await makeCommunity(db);
  await makeStaff(db, { communityId: other.id, role: 'police', username: 'ex.foreign' });
  const a = await makeStaff(db, { communityId: community.id, role: 'community_admin', username: 'ex.admin' });
  admin = t.client();
  await admin.signInStaff(a.username, a.password);
});

async function download(entity: string) {
  const res = await admin.get(`/admin/c/${community.id}/export/${entity}.csv`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return { res, text: new TextDecoder().decode(bytes.slice(3)) };
}

describe('CSV export', () => {
  it('exports grids with a BOM, CRLF and neutralised formula cells', async () => {
    const { res, text } = await download('grids');
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toMatch(/^导出社区-网格-\d{8}\.csv$/);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('网格编码,网格名称,类型,户数');
    expect(lines[1]).toMatch(new RegExp(`^${community.code}\\d{3},'=cmd\\|' /C calc'!A0,综合网格,210$`));
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('exports places in tree order with parents by key, quoting and neutralising', async () => {
    const { text } = await download('places');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('地点编号,名称,类型,上级编号,网格编码,楼层,单元数');
    expect(lines[1]).toBe("ex-cy,'@SUM(1+1)*cmd|x,院落,,,,");
    expect(lines[2]).toMatch(/^ex-b1,"'\+1栋,""引号""",楼栋,ex-cy,\d{15},,$/);
  });

  it('exports only this community’s staff, with roles in Chinese and grid scopes, never passwords', async () => {
    const { text } = await download('staff');
    expect(text).toContain('用户名,姓名,角色,网格编码(多个用 | 分隔)');
    expect(text).toMatch(/ex\.worker,职员\w+,网格员,\d{15}/);
    expect(text).toContain('ex.admin');
    expect(text).not.toContain('ex.foreign');
    expect(text).not.toMatch(/argon2/);
    const audits = await t.deps.db.select().from(auditLog).where(eq(auditLog.communityId, community.id));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['export.grids', 'export.places', 'export.staff']));
  });

  it('serves blank templates and 404s unknown files', async () => {
    const res = await admin.get(`/admin/c/${community.id}/template/places.csv`);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(await res.arrayBuffer()))).toBe('\uFEFF地点编号,名称,类型,上级编号,网格编码,楼层,单元数\r\n');
    for (const f of ['users.csv', 'grids.txt', '..%2F..%2Fetc%2Fpasswd']) expect((await admin.get(`/admin/c/${community.id}/export/${f}`)).status).toBe(404);
  });
});
