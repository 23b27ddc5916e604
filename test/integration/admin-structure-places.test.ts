// Places through the admin routes: tree browsing, create under a parent, tree rules, delete refused while in use, scope.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, grids, places, qrCodes } from '../../src/db/schema';
import { useTestApp, type TestClient } from '../helpers/app';
import { makeCommunity, makeGrid, makePlace, makeResident, makeStaff } from '../helpers/builders';

const t = useTestApp();
let admin: TestClient;
let community: Awaited<ReturnType<typeof makeCommunity>>;
let grid: Awaited<ReturnType<typeof makeGrid>>;

beforeAll(async () => {
  community = await makeCommunity(t.deps.db);
  grid = await makeGrid(t.deps.db, community.id);
  const a = await makeStaff(t.deps.db, { communityId: community.id, role: 'community_admin' });
  admin = t.client();
  await admin.signInStaff(a.username, a.password);
});

const byKey = async (key: string) => (await t.deps.db.select().from(places).where(and(eq(places.communityId, community.id), eq(places.key, key))))[0];
const form = (over: Record<string, string>) => ({ key: '', name: '', kind: 'courtyard', parent: '', grid: '', floors: '', units: '', ...over });

describe('places admin', () => {
  it('builds courtyard → building → unit through the forms and browses the tree', async () => {
    expect((await admin.post(`/admin/c/${community.id}/places/new`, form({ key: 'p-cy', name: '清波小区' }))).status).toBe(303);
    const cy = await byKey('p-cy');
    const newForm = await (await admin.get(`/admin/c/${community.id}/places/new?parent=${cy.id}`)).text();
    expect(newForm).toContain('value="p-cy"');
    const b = await admin.post(`/admin/c/${community.id}/places/new`, form({ key: 'p-b1', name: '1栋', kind: 'building', parent: 'p-cy', grid: grid.code, floors: '6', units: '2' }));
    expect(b.headers.get('location')).toBe(`/admin/c/${community.id}/places?parent=${cy.id}&ok=saved`);
    // Key left empty: one is made up so exports can name the parent.
    await admin.post(`/admin/c/${community.id}/places/new`, form({ name: '1单元', kind: 'unit', parent: 'p-b1' }));
    const building = await byKey('p-b1');
    expect(building).toMatchObject({ parentId: cy.id, gridId: grid.id, floors: 6, units: 2 });
    const [unit] = await t.deps.db.select().from(places).where(eq(places.parentId, building.id));
    expect(unit.key).toBe(`p${unit.id}`);

    const top = await (await admin.get(`/admin/c/${community.id}/places`)).text();
    expect(top).toContain('清波小区');
    expect(top).not.toContain('1单元');
    const level = await (await admin.get(`/admin/c/${community.id}/places?parent=${building.id}`)).text();
    expect(level).toContain('1单元');
    expect(level).toMatch(/清波小区<\/a> › <span aria-current="page">1栋/);
    const search = await (await admin.get(`/admin/c/${community.id}/places?kind=unit`, { 'HX-Request': 'true', 'HX-Request-Type': 'partial' })).text();
    expect(search.startsWith('<div id="place-list">')).toBe(true);
    expect(search).toContain('位于 1栋');
  });

  it('enforces the tree rule, unknown parents and grids, and unique keys, keeping values', async () => {
    const unitTop = await admin.post(`/admin/c/${community.id}/places/new`, form({ key: 'p-x', name: '孤单元', kind: 'unit' }));
    expect(unitTop.status).toBe(422);
    const html = await unitTop.text();
    expect(html).toContain('单元必须在楼栋下');
    expect(html).toContain('value="孤单元"');
    expect(await (await admin.post(`/admin/c/${community.id}/places/new`, form({ name: 'x', kind: 'building', parent: 'nope' }))).text()).toContain('找不到这个上级编号');
    expect(await (await admin.post(`/admin/c/${community.id}/places/new`, form({ name: 'x', grid: '999999999999999' }))).text()).toContain('本社区没有这个网格编码');
    expect(await (await admin.post(`/admin/c/${community.id}/places/new`, form({ key: 'p-cy', name: 'x' }))).text()).toContain('这个地点编号已被使用');
    expect(await (await admin.post(`/admin/c/${community.id}/places/new`, form({ key: '../../etc', name: 'x' }))).text()).toContain('编号只能用字母');
    const b = await byKey('p-b1');
    const toCourtyard = await admin.post(`/admin/places/${b.id}`, form({ key: 'p-b1', name: '1栋', kind: 'courtyard' }));
    expect(toCourtyard.status).toBe(422);
  });

  it('edits a place and audits it', async () => {
    const b = await byKey('p-b1');
    const res = await admin.post(`/admin/places/${b.id}`, form({ key: 'p-b1', name: '1号楼', kind: 'building', parent: 'p-cy', grid: '', floors: '7' }));
    expect(res.status).toBe(303);
    expect(await byKey('p-b1')).toMatchObject({ name: '1号楼', gridId: null, floors: 7, units: null });
    const audits = await t.deps.db.select().from(auditLog).where(and(eq(auditLog.targetType, 'place'), eq(auditLog.targetId, String(b.id))));
    expect(audits.map((a) => a.action).sort()).toEqual(['place.create', 'place.update']);
  });

  it('refuses to delete a place with sub-places, a QR code, a grid or residents, saying why', async () => {
    const cy = await byKey('p-cy');
    const res = await admin.post(`/admin/places/${cy.id}/delete`, {});
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('1 个下级地点');

    const lone = await makePlace(t.deps.db, community.id, { kind: 'checkpoint', name: '北门' });
    await t.deps.db.insert(qrCodes).values({ communityId: community.id, code: 'QRPACEXY23456', purpose: 'patrol_checkpoint', placeId: lone.id, label: '北门巡逻点' });
    const page = await (await admin.get(`/admin/places/${lone.id}/delete`)).text();
    expect(page).toContain('1 个二维码');
    expect(page).not.toContain('<button class="btn danger"');
    expect((await admin.post(`/admin/places/${lone.id}/delete`, {})).status).toBe(409);

    const court = await makePlace(t.deps.db, community.id, { kind: 'courtyard' });
    await t.deps.db.update(grids).set({ courtyardId: court.id }).where(eq(grids.id, grid.id));
    expect(await (await admin.post(`/admin/places/${court.id}/delete`, {})).text()).toContain('1 个网格以它为院落');
    const home = await makePlace(t.deps.db, community.id, { kind: 'building' });
    await makeResident(t.deps.db, { homePlaceId: home.id });
    expect(await (await admin.post(`/admin/places/${home.id}/delete`, {})).text()).toContain('1 位居民');
  });

  it('deletes an unused place after confirmation', async () => {
    const spare = await makePlace(t.deps.db, community.id, { kind: 'other', name: '闲置' });
    expect(await (await admin.get(`/admin/places/${spare.id}/delete`)).text()).toContain('确定删除地点“闲置”');
    expect((await admin.post(`/admin/places/${spare.id}/delete`, {})).status).toBe(303);
    expect(await t.deps.db.select().from(places).where(eq(places.id, spare.id))).toHaveLength(0);
  });

  it('reads another community’s places as not found', async () => {
    const other = await makeCommunity(t.deps.db);
    const foreign = await makePlace(t.deps.db, other.id);
    for (const path of [`/admin/places/${foreign.id}`, `/admin/places/${foreign.id}/delete`, `/admin/c/${other.id}/places`, `/admin/c/${community.id}/places/new?parent=${foreign.id}`]) {
      expect((await admin.get(path)).status, path).toBe(404);
    }
    expect((await admin.post(`/admin/places/${foreign.id}`, form({ name: 'hijack' }))).status).toBe(404);
    expect((await admin.post(`/admin/places/${foreign.id}/delete`, {})).status).toBe(404);
    // A parent key of another community is unknown here.
    await makePlace(t.deps.db, other.id, { kind: 'courtyard', key: 'foreign-cy' });
    expect(await (await admin.post(`/admin/c/${community.id}/places/new`, form({ name: 'x', kind: 'building', parent: 'foreign-cy' }))).text()).toContain('找不到这个上级编号');
  });
});
