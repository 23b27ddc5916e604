// 兑换品管理 over HTTP: goods and courses created by a clerk, stock and seat changes audited with before/after,
// negative/fractional changes refused with nothing changed, withdraw asks first and hides the item, photos through the
// photo pipeline (EXIF/GPS gone), and only clerks and admins of the community get in.
import { readFileSync } from 'node:fs';
import { and, desc, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, rewardItems, rewardSessions, rewardStockChanges } from '../../src/db/schema';
import { useTestApp, type TestClient } from '../helpers/app';
import { makeCommunity, makeResident, makeStaff } from '../helpers/builders';
import { exifGpsTags } from '../helpers/photos';
import { creditPoints, rewardsInvariants } from '../helpers/rewards';
import { redeem } from '../../src/domain/rewards/redeem';

const t = useTestApp();
let clerk: TestClient;
let communityId: number;
const q = () => `?community=${communityId}`;

beforeAll(async () => {
  const community = await makeCommunity(t.deps.db);
  communityId = community.id;
  const s = await makeStaff(t.deps.db, { communityId, role: 'clerk' });
  clerk = t.client();
  await clerk.signInStaff(s.username, s.password);
});

function multipart(client: TestClient, path: string, fields: Record<string, string>, photo?: Buffer) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (photo) form.append('photo', new Blob([photo], { type: 'image/jpeg' }), 'p.jpg');
  return client.request(path, { method: 'POST', body: form });
}
const item = async (name: string) => (await t.deps.db.select().from(rewardItems).where(and(eq(rewardItems.communityId, communityId), eq(rewardItems.name, name))))[0];

describe('catalog admin', () => {
  it('creates goods with a photo through the pipeline (GPS stripped); the resident catalog shows it', async () => {
    const gps = readFileSync(new URL('../fixtures/bad-inputs/photo-with-gps.jpg', import.meta.url));
    const res = await multipart(clerk, `/clerk/catalog${q()}`, { kind: 'goods', name: '大米 5 kg', price: '120', stock: '10', monthlyLimit: '2', pickup: '社区服务中心一楼' }, gps);
    expect(res.status).toBe(303);
    const rice = await item('大米 5 kg');
    expect(rice).toMatchObject({ price: 120, stock: 10, monthlyLimit: 2, kind: 'goods' });
    expect(rice.photoKey).toBeTruthy();
    const photo = await t.client().get(`/reward-photos/${rice.id}`);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    const meta = await sharp(Buffer.from(await photo.arrayBuffer())).metadata();
    expect(exifGpsTags(meta.exif)).toEqual([]);
    const changes = await t.deps.db.select().from(rewardStockChanges).where(eq(rewardStockChanges.itemId, rice.id));
    expect(changes.map((c) => [c.reason, c.before, c.after])).toEqual([['create', 0, 10]]);
    expect(await (await t.client().get('/rewards')).text()).toContain(`/reward-photos/${rice.id}`);
  });

  it('bad inputs re-show the form in Chinese with values kept, and write nothing', async () => {
    const before = (await t.deps.db.select().from(rewardItems).where(eq(rewardItems.communityId, communityId))).length;
    for (const [field, value, text] of [
      ['price', '1.5', '所需积分必须是'], ['price', '-3', '所需积分必须是'], ['price', '1e3', '所需积分必须是'], ['stock', '-1', '库存必须是'], ['stock', '2.5', '库存必须是'],
      ['monthlyLimit', '0', '每月限兑'], ['name', '<script>x</script>', ''], ['activeFrom', '2026-02-30', '正确的日期'],
    ] as const) {
      const res = await multipart(clerk, `/clerk/catalog${q()}`, { kind: 'goods', name: '洗衣液', price: '60', stock: '5', [field]: value });
      expect(res.status, `${field}=${value}`).toBe(422);
      const html = await res.text();
      if (text) expect(html).toContain(text);
      if (field !== 'name') expect(html).toContain('value="洗衣液"');
    }
    expect((await t.deps.db.select().from(rewardItems).where(eq(rewardItems.communityId, communityId))).length).toBe(before);
  });

  it('restock and correction are audited with before/after; negative restock, fractional or below-zero changes are refused', async () => {
    const rice = await item('大米 5 kg');
    const path = `/clerk/catalog/${rice.id}/stock${q()}`;
    expect((await clerk.post(path, { delta: '20', reason: 'restock', note: '新到一批' })).status).toBe(303);
    expect((await clerk.post(path, { delta: '-2', reason: 'correction', note: '盘点少 2 袋' })).status).toBe(303);
    for (const [delta, reason, text] of [['-1', 'restock', '不为 0 的整数'], ['1.5', 'restock', '不为 0 的整数'], ['0', 'restock', '不为 0 的整数'], ['abc', 'correction', '不为 0 的整数'], ['-100', 'correction', '不能小于 0']]) {
      const res = await clerk.post(path, { delta, reason });
      expect(res.status, delta).toBe(422);
      expect(await res.text()).toContain(text);
    }
    expect((await item('大米 5 kg')).stock).toBe(28);
    const audits = await t.deps.db.select().from(auditLog).where(and(eq(auditLog.targetType, 'reward_item'), eq(auditLog.targetId, String(rice.id)))).orderBy(desc(auditLog.id));
    expect(audits.slice(0, 2).map((a) => [a.action, a.before, (a.after as { stock: number }).stock])).toEqual([
      ['rewards.stock.correction', { stock: 30 }, 28],
      ['rewards.stock.restock', { stock: 10 }, 30],
    ]);
    const page = await (await clerk.get(`/clerk/catalog/${rice.id}${q()}`)).text();
    expect(page).toContain('盘点少 2 袋');
    expect(await rewardsInvariants(t.deps.db, communityId)).toEqual([]);
  });

  it('a course gets sessions; seats cannot drop below bookings; withdrawing asks first and hides it from residents', async () => {
    const res = await multipart(clerk, `/clerk/catalog${q()}`, { kind: 'course', name: '智能手机使用课', price: '30', pickup: '社区活动室' });
    expect(res.status).toBe(303);
    const course = await item('智能手机使用课');
    const day = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    const add = await clerk.post(`/clerk/catalog/${course.id}/sessions${q()}`, { date: day, start: '09:30', end: '11:00', place: '活动室 201', seats: '2' });
    expect(add.status).toBe(303);
    for (const bad of [{ start: '11:00', end: '09:30' }, { seats: '0' }, { seats: '1.5' }, { date: '2020-01-01' }, { start: '25:00' }]) {
      const r = await clerk.post(`/clerk/catalog/${course.id}/sessions${q()}`, { date: day, start: '09:30', end: '11:00', place: '活动室 201', seats: '2', ...bad });
      expect(r.status, JSON.stringify(bad)).toBe(422);
    }
    const [s] = await t.deps.db.select().from(rewardSessions).where(eq(rewardSessions.itemId, course.id));
    expect(s).toMatchObject({ seats: 2, seatsLeft: 2, place: '活动室 201' });
    const r = await makeResident(t.deps.db);
    await creditPoints(t.deps.db, communityId, [r.id], 100);
    await redeem(t.deps.db, { communityId, userId: r.id, itemId: course.id, sessionId: s.id, validDays: 14, timeZone: 'Asia/Shanghai' });
    const tooFew = await clerk.post(`/clerk/catalog/${course.id}/sessions/${s.id}/seats${q()}`, { delta: '-2', reason: 'correction' });
    expect(tooFew.status).toBe(422);
    expect(await tooFew.text()).toContain('已预约的人数(1)');
    expect((await clerk.post(`/clerk/catalog/${course.id}/sessions/${s.id}/seats${q()}`, { delta: '3', reason: 'restock' })).status).toBe(303);
    expect((await t.deps.db.select().from(rewardSessions).where(eq(rewardSessions.id, s.id)))[0]).toMatchObject({ seats: 5, seatsLeft: 4 });
    expect(await (await t.client().get('/rewards')).text()).toContain('智能手机使用课');
    const ask = await clerk.get(`/clerk/catalog/${course.id}/deactivate${q()}`);
    expect(await ask.text()).toContain('确定下架吗');
    expect((await item('智能手机使用课')).active).toBe(true);
    expect((await clerk.post(`/clerk/catalog/${course.id}/deactivate${q()}`, {})).status).toBe(303);
    expect((await item('智能手机使用课')).active).toBe(false);
    expect(await (await t.client().get('/rewards')).text()).not.toContain('智能手机使用课');
    expect(await rewardsInvariants(t.deps.db, communityId)).toEqual([]);
  });

  it('only the community’s clerks and admins get in; another community’s item reads as missing', async () => {
    const r = await makeResident(t.deps.db);
    const res = t.client();
    await res.signInResident(r.phone!);
    expect((await res.get(`/clerk/catalog${q()}`)).status).toBe(303);
    const worker = await makeStaff(t.deps.db, { communityId, role: 'grid_worker' });
    const w = t.client();
    await w.signInStaff(worker.username, worker.password);
    expect((await w.get(`/clerk/catalog${q()}`)).status).toBe(403);
    const other = await makeCommunity(t.deps.db);
    const s = await makeStaff(t.deps.db, { communityId: other.id, role: 'clerk' });
    const c2 = t.client();
    await c2.signInStaff(s.username, s.password);
    const rice = await item('大米 5 kg');
    expect((await c2.get(`/clerk/catalog/${rice.id}?community=${communityId}`)).status).toBe(404);
    expect((await c2.post(`/clerk/catalog/${rice.id}/stock?community=${communityId}`, { delta: '5', reason: 'restock' })).status).toBe(404);
    expect((await item('大米 5 kg')).stock).toBe(28);
  });
});
