// 积分超市 over HTTP: the catalog (affordable first, points still needed, sold out/full), confirmation, voucher with QR,
// 我的兑换, cancel with confirmation, and the clerk counter (typed code → hand-over), with the refusals in Chinese.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { pointAccounts, rewardItems, rewardVouchers } from '../../src/db/schema';
import { useTestApp, type TestClient } from '../helpers/app';
import { makeCommunity, makeResident, makeStaff } from '../helpers/builders';
import { creditPoints, makeCourse, makeGoods, rewardsInvariants } from '../helpers/rewards';
import { and } from 'drizzle-orm';

const t = useTestApp();
let me: TestClient;
let clerk: TestClient;
let communityId: number;
let userId: number;
const items: Record<string, number> = {};

beforeAll(async () => {
  const db = t.deps.db;
  const community = await makeCommunity(db, { name: '积分测试社区' });
  communityId = community.id;
  const r = await makeResident(db, { displayName: '王小明' });
  userId = r.id;
  await creditPoints(db, community.id, [r.id], 150);
  items.rice = (await makeGoods(db, community.id, { name: '大米 5 kg', price: 120, stock: 3 })).id;
  items.oil = (await makeGoods(db, community.id, { name: '食用油', price: 300, stock: 3 })).id;
  items.gone = (await makeGoods(db, community.id, { name: '洗衣液', price: 50, stock: 0 })).id;
  const course = await makeCourse(db, community.id, { name: '书法课', price: 30, seats: 1 });
  items.course = course.item.id;
  items.session = course.sessions[0].id;
  me = t.client();
  await me.signInResident(r.phone!);
  const s = await makeStaff(db, { communityId: community.id, role: 'clerk' });
  clerk = t.client();
  expect((await clerk.signInStaff(s.username, s.password)).status).toBe(303);
});

const balance = async () => (await t.deps.db.select().from(pointAccounts).where(and(eq(pointAccounts.ownerUserId, userId), eq(pointAccounts.kind, 'resident'))))[0].balance;
const stock = async (id: number) => (await t.deps.db.select().from(rewardItems).where(eq(rewardItems.id, id)))[0].stock;

describe('resident pages', () => {
  it('the catalog puts what I can afford first, then the rest with points still needed; sold out and full are marked', async () => {
    const html = await (await me.get('/rewards')).text();
    expect(html).toContain('data-balance="150"');
    const affordable = html.slice(html.indexOf('id="affordable"'), html.indexOf('id="others"'));
    expect(affordable).toContain('大米 5 kg');
    expect(affordable).toContain('书法课');
    const others = html.slice(html.indexOf('id="others"'));
    expect(others).toContain('食用油');
    expect(others).toContain('还差 150 分');
    // Sold out stays listed, marked, after what can be redeemed now.
    expect(affordable.indexOf('洗衣液')).toBeGreaterThan(affordable.indexOf('大米 5 kg'));
    expect(affordable).toContain('已兑完');
    // Anonymous visitors see the shop and a way to sign in.
    const anon = await (await t.client().get('/rewards')).text();
    expect(anon).toContain('登录后可以看到自己的积分');
  });

  it('home, 我的积分 and the scan page link to the shop', async () => {
    expect(await (await me.get('/')).text()).toContain('href="/rewards"');
    expect(await (await me.get('/me/points')).text()).toContain('href="/rewards"');
  });

  it('confirm → redeem → voucher page with QR and code; 我的兑换 lists it 待领取; cancel asks first, then releases points and stock', async () => {
    const confirm = await (await me.get(`/rewards/${items.rice}`)).text();
    expect(confirm).toContain('确认兑换');
    expect(confirm).toContain('data-after="30"');
    expect(confirm).toContain('社区服务中心一楼');
    const key = /name="key" value="([^"]+)"/.exec(confirm)![1];
    const res = await me.post(`/rewards/${items.rice}/redeem`, { key });
    expect(res.status).toBe(303);
    const where = res.headers.get('location')!;
    expect(where).toMatch(/^\/me\/vouchers\/\d+\?done=redeemed$/);
    // The same confirmation posted again (double tap) lands on the same voucher.
    expect((await me.post(`/rewards/${items.rice}/redeem`, { key })).headers.get('location')).toBe(where);
    const page = await (await me.get(where)).text();
    const code = /data-code="([2-9A-HJKMNP-Z]{8})"/.exec(page)![1];
    expect(page).toContain('<svg class="voucher-qr"');
    expect(page).toContain('待领取');
    expect(await balance()).toBe(30);
    expect(await stock(items.rice)).toBe(2);
    const list = await (await me.get('/me/vouchers')).text();
    expect(list).toContain('大米 5 kg');
    expect(list).toContain('待领取');
    const id = where.split('/')[3].split('?')[0];
    const ask = await (await me.get(`/me/vouchers/${id}/cancel`)).text();
    expect(ask).toContain('120 积分会退回');
    const done = await me.post(`/me/vouchers/${id}/cancel`, {});
    expect(done.status).toBe(303);
    expect(await balance()).toBe(150);
    expect(await stock(items.rice)).toBe(3);
    expect(await (await me.get('/me/vouchers')).text()).toContain('已取消');
    const again = await me.post(`/me/vouchers/${id}/cancel`, {});
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('已经取消');
    void code;
  });

  it('refusals are Chinese pages with no change: not enough points, sold out, another resident’s voucher, staff redeeming', async () => {
    const dear = await me.get(`/rewards/${items.oil}`);
    expect(await dear.text()).toContain('还差 150 分');
    const post = await me.post(`/rewards/${items.oil}/redeem`, { key: 'k'.repeat(20) });
    expect(post.status).toBe(409);
    expect(await post.text()).toContain('积分不够');
    const gone = await me.post(`/rewards/${items.gone}/redeem`, { key: 'g'.repeat(20) });
    expect(gone.status).toBe(409);
    expect(await gone.text()).toContain('已经兑完');
    for (const bad of ['abc', '0', '-1', '99999999']) expect((await me.get(`/rewards/${bad}`)).status).toBe(404);
    const stranger = t.client();
    const other = await makeResident(t.deps.db);
    await stranger.signInResident(other.phone!);
    const [v] = await t.deps.db.select().from(rewardVouchers).where(eq(rewardVouchers.userId, userId));
    expect((await stranger.get(`/me/vouchers/${v.id}`)).status).toBe(404);
    expect((await stranger.post(`/me/vouchers/${v.id}/cancel`, {})).status).toBe(404);
    expect((await clerk.post(`/rewards/${items.rice}/redeem`, { key: 'c'.repeat(20) })).status).toBe(403);
    expect(await balance()).toBe(150);
    expect(await stock(items.oil)).toBe(3);
  });
});

describe('clerk counter', () => {
  it('residents and grid staff cannot open it; the counter poster link now opens the counter, not "coming soon"', async () => {
    const asResident = await me.get('/clerk');
    expect(asResident.status).toBe(303);
    expect(asResident.headers.get('location')).toMatch(/^\/staff\/login/);
    const grid = await makeStaff(t.deps.db, { communityId, role: 'grid_worker' });
    const g = t.client();
    await g.signInStaff(grid.username, grid.password);
    expect((await g.get('/clerk')).status).toBe(403);
    const html = await (await clerk.get('/clerk')).text();
    expect(html).toContain('兑换柜台');
    expect(html).not.toContain('该功能即将开放');
    expect(html).toMatch(/src="\/clerk\/static\/clerk-scan\.[0-9a-f]{10}\.js"/);
    // The scanner's polyfill and wasm are served from here, and only the counter page allows compiling wasm.
    const poly = /data-polyfill="([^"]+)"/.exec(html)![1];
    const wasm = /data-wasm="([^"]+)"/.exec(html)![1];
    expect((await clerk.get(poly)).status).toBe(200);
    const w = await clerk.get(wasm);
    expect(w.headers.get('content-type')).toBe('application/wasm');
    expect(new Uint8Array(await w.arrayBuffer()).slice(0, 4)).toEqual(new Uint8Array([0, 0x61, 0x73, 0x6d]));
    expect((await clerk.get('/clerk')).headers.get('content-security-policy')).toContain("'wasm-unsafe-eval'");
    expect((await me.get('/rewards')).headers.get('content-security-policy')).not.toContain('wasm');
    expect(await (await me.get('/rewards')).text()).not.toContain('barcode-detector');
  });

  it('typed code → item, masked resident, status → hand-over posts the hold; a second confirm and bad codes are refused', async () => {
    const confirm = await (await me.get(`/rewards/${items.course}?session=${items.session}`)).text();
    const key = /name="key" value="([^"]+)"/.exec(confirm)![1];
    const res = await me.post(`/rewards/${items.course}/redeem`, { key, session: String(items.session) });
    expect(res.status).toBe(303);
    const riceKey = /name="key" value="([^"]+)"/.exec(await (await me.get(`/rewards/${items.rice}`)).text())![1];
    const rice = await me.post(`/rewards/${items.rice}/redeem`, { key: riceKey });
    const page = await (await me.get(rice.headers.get('location')!)).text();
    const code = /data-code="([2-9A-HJKMNP-Z]{8})"/.exec(page)![1];
    const look = await (await clerk.get(`/clerk?code=${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`)).text();
    expect(look).toContain('大米 5 kg');
    expect(look).toContain('王**');
    expect(look).not.toContain('王小明');
    expect(look).toContain('待领取');
    const id = /data-voucher="(\d+)"/.exec(look)![1];
    const done = await clerk.post(`/clerk/vouchers/${id}/hand-over`, {});
    expect(done.status).toBe(303);
    const home = await (await clerk.get(done.headers.get('location')!)).text();
    expect(home).toContain('已发放:大米 5 kg(王**)');
    expect(home).toContain(`data-stock-item="${items.rice}" data-stock="2"`);
    const twice = await clerk.post(`/clerk/vouchers/${id}/hand-over`, {});
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('已经领取过了');
    for (const [bad, text] of [['ABCD1O23', '容易看错'], ['ABC', '8 位'], ['ZZZZ2222', '找不到这个兑换码']]) {
      const r = await clerk.get(`/clerk?code=${encodeURIComponent(bad)}`);
      expect(r.status, bad).toBeGreaterThanOrEqual(400);
      expect(await r.text()).toContain(text);
    }
    expect(await (await me.get('/me/vouchers')).text()).toContain('已领取');
    expect(await balance()).toBe(0);
    expect(await rewardsInvariants(t.deps.db, communityId)).toEqual([]);
  });
});
