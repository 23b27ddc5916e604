// 心愿墙 and /staff/wishes on real Postgres: masked public wishes, offers, one accepted helper per wish, scope, audit.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, notifications, pointAccounts, pointTransfers, submissionEvents, wishOffers } from '../../src/db/schema';
import { useTestApp } from '../helpers/app';
import { badInputs } from '../helpers/bad-inputs';
import { DEMO_PASSWORD, demoWorld, insertItem, resident, type DemoWorld } from './me-helpers';

const t = useTestApp();
let w: DemoWorld;
beforeAll(async () => {
  w = await demoWorld(t.deps.database);
});

async function signedIn(name = '张三丰') {
  const user = await resident(t.deps.db, name);
  const client = t.client();
  await client.signInResident(user.phone);
  return { user, client };
}

async function staff(username: string) {
  const client = t.client();
  const res = await client.signInStaff(username, DEMO_PASSWORD);
  expect(res.status).toBe(303);
  return client;
}

const wishIds = (html: string) => [...html.matchAll(/data-wish="(\d+)"/g)].map((m) => Number(m[1]));
const offerIds = (html: string) => [...html.matchAll(/data-offer="(\d+)"/g)].map((m) => Number(m[1]));
const kindsFor = async (userId: number) => (await t.deps.db.select().from(notifications).where(eq(notifications.userId, userId))).map((n) => n.kind);

describe('心愿墙', () => {
  it('shows public wishes only, newest first, names masked, phones never', async () => {
    const author = await resident(t.deps.db, '张三丰');
    const anon = await resident(t.deps.db, '欧阳娜娜');
    const older = await insertItem(t.deps.db, w, { authorUserId: author.id, kind: 'wish', publicWish: true, description: '较早的公开心愿', createdAt: new Date(Date.now() - 3600_000) });
    const newer = await insertItem(t.deps.db, w, { authorUserId: anon.id, kind: 'wish', publicWish: true, anonymous: true, description: '匿名的公开心愿' });
    const priv = await insertItem(t.deps.db, w, { authorUserId: author.id, kind: 'wish', publicWish: false, description: '不公开的心愿' });
    const rejected = await insertItem(t.deps.db, w, { authorUserId: author.id, kind: 'wish', publicWish: true, status: 'rejected', description: '被驳回的心愿' });
    const res = await t.client().get('/wishes');
    expect(res.status).toBe(200);
    const html = await res.text();
    const ids = wishIds(html);
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
    expect(ids).not.toContain(priv.id);
    expect(ids).not.toContain(rejected.id);
    expect(html).toContain('张**');
    expect(html).not.toContain('张三丰');
    expect(html).not.toContain('欧阳');
    expect(html).toContain('一位邻居');
    expect(html).not.toContain(author.phone);
    expect(html).not.toContain(author.phone.slice(7));
    expect(html).toContain('养老助残');
    expect(html).toContain('登录后报名帮忙');
    expect(html).toContain(`/login?next=${encodeURIComponent(`/wishes/${older.id}/offer`)}`);
  });

  it('20 per page', async () => {
    const author = await resident(t.deps.db);
    for (let i = 0; i < 21; i++) await insertItem(t.deps.db, w, { authorUserId: author.id, kind: 'wish', publicWish: true, createdAt: new Date(Date.now() - 86400_000 * (100 + i)) });
    const p1 = wishIds(await (await t.client().get('/wishes')).text());
    expect(p1).toHaveLength(20);
    const p2 = await (await t.client().get(`/wishes?c=${w.community.id}&page=2`)).text();
    expect(wishIds(p2).length).toBeGreaterThan(0);
    expect(wishIds(p2).some((id) => p1.includes(id))).toBe(false);
  });

  it('odd community and page values fall back instead of failing', async () => {
    for (const bad of badInputs.ids) {
      const res = await t.client().get(`/wishes?c=${encodeURIComponent(bad)}&page=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(200);
    }
  });
});

describe('offering help', () => {
  it('a resident offers once; the author is told; own wishes and private ones cannot be offered on', async () => {
    const author = await resident(t.deps.db, '李梅');
    const wish = await insertItem(t.deps.db, w, { authorUserId: author.id, kind: 'wish', publicWish: true });
    const priv = await insertItem(t.deps.db, w, { authorUserId: author.id, kind: 'wish', publicWish: false });
    const signedOut = await t.client().get(`/wishes/${wish.id}/offer`);
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('location')).toBe(`/login?next=${encodeURIComponent(`/wishes/${wish.id}/offer`)}`);

    const { user: helper, client } = await signedIn('王大伟');
    const form = await (await client.get(`/wishes/${wish.id}/offer`)).text();
    expect(form).toContain('确认报名');

    const tooLong = await client.post(`/wishes/${wish.id}/offer`, { note: '周末有空'.repeat(60) });
    expect(tooLong.status).toBe(422);
    const tooLongHtml = await tooLong.text();
    expect(tooLongHtml).toContain('内容太长了,最多 200 个字');
    expect(tooLongHtml).toContain('周末有空周末有空');

    const ok = await client.post(`/wishes/${wish.id}/offer`, { note: '周末有空,可以开车' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/wishes?c=${w.community.id}&offered=1`);
    const wall = await (await client.get(ok.headers.get('location')!)).text();
    expect(wall).toContain('报名成功');
    expect(wall).toContain('您已报名帮忙,等待工作人员确认');

    const twice = await client.post(`/wishes/${wish.id}/offer`, { note: '' });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('您已经报名过这个心愿了');
    expect(await t.deps.db.select().from(wishOffers).where(eq(wishOffers.helperUserId, helper.id))).toHaveLength(1);
    expect(await kindsFor(author.id)).toEqual(['wish.offered']);

    expect((await client.post(`/wishes/${priv.id}/offer`, {})).status).toBe(404);
    for (const bad of badInputs.ids) expect((await client.post(`/wishes/${encodeURIComponent(bad)}/offer`, {})).status, bad).toBe(404);

    const own = t.client();
    await own.signInResident(author.phone);
    const mine = await own.post(`/wishes/${wish.id}/offer`, {});
    expect(mine.status).toBe(409);
    expect(await mine.text()).toContain('这是您自己的心愿');
  });

  it('a double tap makes one offer', async () => {
    const author = await resident(t.deps.db);
    const wish = await insertItem(t.deps.db, w, { authorUserId: author.id, kind: 'wish', publicWish: true });
    const { user: helper, client } = await signedIn();
    const results = await Promise.all([1, 2, 3].map(() => client.post(`/wishes/${wish.id}/offer`, { note: '我来' })));
    expect(results.map((r) => r.status).sort()).toEqual([303, 409, 409]);
    expect(await t.deps.db.select().from(wishOffers).where(and(eq(wishOffers.submissionId, wish.id), eq(wishOffers.helperUserId, helper.id)))).toHaveLength(1);
  });
});

describe('/staff/wishes', () => {
  it('worker1 arranges one helper, a second gets a clear 409, then confirms; audit, timeline and notifications follow', async () => {
    const author = await resident(t.deps.db, '赵奶奶');
    const wish = await insertItem(t.deps.db, w, { authorUserId: author.id, kind: 'wish', publicWish: true, grid: 'grid1', description: '需要有人帮忙换灯泡' });
    const a = await signedIn('钱一');
    const b = await signedIn('孙二');
    await a.client.post(`/wishes/${wish.id}/offer`, { note: '晚上7点后有空' });
    await b.client.post(`/wishes/${wish.id}/offer`, {});
    const [offerA] = await t.deps.db.select().from(wishOffers).where(eq(wishOffers.helperUserId, a.user.id));
    const [offerB] = await t.deps.db.select().from(wishOffers).where(eq(wishOffers.helperUserId, b.user.id));

    const worker = await staff('worker1');
    const list = await (await worker.get('/staff/wishes')).text();
    expect(list).toContain('需要有人帮忙换灯泡');
    expect(list).toContain('晚上7点后有空');
    expect(list).toContain(a.user.phone);
    expect(list).not.toContain('赵奶奶');
    expect(offerIds(list)).toEqual(expect.arrayContaining([offerA.id, offerB.id]));

    const accept = await worker.post(`/staff/wishes/offers/${offerA.id}/accept`, {});
    expect(accept.status).toBe(303);
    expect(accept.headers.get('location')).toBe('/staff/wishes?done=accepted');
    expect(await (await worker.get('/staff/wishes?done=accepted')).text()).toContain('已安排帮助人');

    const second = await worker.post(`/staff/wishes/offers/${offerB.id}/accept`, {});
    expect(second.status).toBe(409);
    expect(await second.text()).toContain('这个心愿已经有一位帮助人了');
    const [stillB] = await t.deps.db.select().from(wishOffers).where(eq(wishOffers.id, offerB.id));
    expect(stillB.status).toBe('offered');

    // The wall now says a helper is arranged; the helper sees it is them.
    const wallA = await (await a.client.get('/wishes')).text();
    expect(wallA).toContain('已确认由您帮忙');

    const ask = await worker.get(`/staff/wishes/offers/${offerA.id}/confirm`);
    expect(ask.status).toBe(200);
    expect(await ask.text()).toContain('确认 钱一 已帮助实现这个心愿吗');
    const done = await worker.post(`/staff/wishes/offers/${offerA.id}/confirm`, {});
    expect(done.status).toBe(200);
    const doneHtml = await done.text();
    expect(doneHtml).toContain('已确认心愿实现');
    // The helper is paid through the ledger under the wish_fulfilment rule (default 20 in the demo rules), once.
    expect(doneHtml).toContain('已按心愿帮扶规则为帮助人发放积分');
    const paid = await t.deps.db.select().from(pointTransfers).where(eq(pointTransfers.idempotencyKey, `award:wish_fulfilment:${wish.id}`));
    expect(paid.map((p) => p.amount)).toEqual([20]);
    const [helperAccount] = await t.deps.db.select().from(pointAccounts).where(eq(pointAccounts.id, paid[0].toAccountId));
    expect([helperAccount.ownerUserId, helperAccount.balance]).toEqual([a.user.id, 20]);

    const [fulfilled] = await t.deps.db.select().from(wishOffers).where(eq(wishOffers.id, offerA.id));
    expect(fulfilled.status).toBe('fulfilled');
    const events = await t.deps.db.select().from(submissionEvents).where(eq(submissionEvents.submissionId, wish.id));
    expect(events.filter((e) => e.kind === 'offer').map((e) => [e.body, e.public])).toEqual([
      ['offered', true],
      ['offered', true],
      ['accepted', true],
      ['fulfilled', true],
    ]);
    expect(await kindsFor(a.user.id)).toEqual(['wish.accepted', 'wish.fulfilled']);
    // Confirming resolves the wish, so the author also hears of the status change (and may rate it).
    expect(await kindsFor(author.id)).toEqual(['wish.offered', 'wish.offered', 'wish.helperAssigned', 'status.resolved', 'wish.fulfilledAuthor']);
    const audit = await t.deps.db.select().from(auditLog).where(eq(auditLog.targetType, 'wish_offer'));
    expect(audit.filter((r) => r.targetId === String(offerA.id)).map((r) => r.action)).toEqual(['wish.offer.accept', 'wish.offer.fulfil']);

    // The author's item page shows the helper masked and the fulfilment on the timeline.
    const own = t.client();
    await own.signInResident(author.phone);
    const item = await (await own.get(`/me/submissions/${wish.trackingNo}`)).text();
    expect(item).toContain('钱**(已帮您实现)');
    expect(item).toContain('心愿已实现,感谢热心邻居的帮助');

    // Once fulfilled: no more offers, no second confirmation.
    expect((await worker.post(`/staff/wishes/offers/${offerA.id}/confirm`, {})).status).toBe(409);
    expect((await worker.post(`/staff/wishes/offers/${offerB.id}/accept`, {})).status).toBe(409);
    const late = await signedIn();
    const lateRes = await late.client.post(`/wishes/${wish.id}/offer`, {});
    expect(lateRes.status).toBe(409);
    expect(await lateRes.text()).toContain('已经实现');
  });

  it('decline and release free the wish for another helper', async () => {
    const author = await resident(t.deps.db);
    const wish = await insertItem(t.deps.db, w, { authorUserId: author.id, kind: 'wish', publicWish: true, grid: 'grid1' });
    const a = await signedIn();
    const b = await signedIn();
    await a.client.post(`/wishes/${wish.id}/offer`, {});
    await b.client.post(`/wishes/${wish.id}/offer`, {});
    const offers = await t.deps.db.select().from(wishOffers).where(eq(wishOffers.submissionId, wish.id));
    const worker = await staff('worker1');
    expect((await worker.post(`/staff/wishes/offers/${offers[0].id}/accept`, {})).status).toBe(303);
    expect((await worker.post(`/staff/wishes/offers/${offers[0].id}/decline`, {})).status).toBe(303);
    expect((await worker.post(`/staff/wishes/offers/${offers[1].id}/accept`, {})).status).toBe(303);
    expect(await kindsFor(a.user.id)).toEqual(['wish.accepted', 'wish.declined']);
    // The released helper may offer again.
    expect((await a.client.post(`/wishes/${wish.id}/offer`, {})).status).toBe(303);
    const audit = await t.deps.db.select().from(auditLog).where(and(eq(auditLog.targetType, 'wish_offer'), eq(auditLog.action, 'wish.offer.decline')));
    expect(audit.some((r) => r.targetId === String(offers[0].id))).toBe(true);
  });

  it('two workers accepting two offers at once: exactly one helper', async () => {
    const author = await resident(t.deps.db);
    const wish = await insertItem(t.deps.db, w, { authorUserId: author.id, kind: 'wish', publicWish: true, grid: 'grid1' });
    const helpers = await Promise.all([1, 2, 3, 4].map(() => signedIn()));
    for (const h of helpers) await h.client.post(`/wishes/${wish.id}/offer`, {});
    const offers = await t.deps.db.select().from(wishOffers).where(eq(wishOffers.submissionId, wish.id));
    const [w1, leader, admin] = await Promise.all([staff('worker1'), staff('leader.chen'), staff('admin')]);
    const clients = [w1, leader, admin, w1];
    const results = await Promise.all(offers.map((o, i) => clients[i].post(`/staff/wishes/offers/${o.id}/accept`, {})));
    expect(results.map((r) => r.status).sort()).toEqual([303, 409, 409, 409]);
    const accepted = await t.deps.db.select().from(wishOffers).where(and(eq(wishOffers.submissionId, wish.id), eq(wishOffers.status, 'accepted')));
    expect(accepted).toHaveLength(1);
  });

  it('outside the worker’s grids: not listed, and every action is 404', async () => {
    const author = await resident(t.deps.db);
    const wish = await insertItem(t.deps.db, w, { authorUserId: author.id, kind: 'wish', publicWish: true, grid: 'grid3', description: '三网格的心愿' });
    const h = await signedIn();
    await h.client.post(`/wishes/${wish.id}/offer`, {});
    const [offer] = await t.deps.db.select().from(wishOffers).where(eq(wishOffers.submissionId, wish.id));
    const worker = await staff('worker1');
    expect(await (await worker.get('/staff/wishes')).text()).not.toContain('三网格的心愿');
    for (const path of ['accept', 'decline', 'confirm']) expect((await worker.post(`/staff/wishes/offers/${offer.id}/${path}`, {})).status, path).toBe(404);
    expect((await worker.get(`/staff/wishes/offers/${offer.id}/confirm`)).status).toBe(404);
    for (const bad of badInputs.ids) expect((await worker.post(`/staff/wishes/offers/${encodeURIComponent(bad)}/accept`, {})).status, bad).toBe(404);
    const [unchanged] = await t.deps.db.select().from(wishOffers).where(eq(wishOffers.id, offer.id));
    expect(unchanged.status).toBe('offered');
    // worker2 covers grid 3 and sees it.
    expect(await (await (await staff('worker2')).get('/staff/wishes')).text()).toContain('三网格的心愿');
  });

  it('residents and roles that do not arrange help are kept out', async () => {
    const { client } = await signedIn();
    const res = await client.get('/staff/wishes');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('/staff/login');
    expect((await (await staff('clerk.sun')).get('/staff/wishes')).status).toBe(403);
  });

  it('an empty list says what will appear', async () => {
    const html = await (await (await staff('worker8')).get('/staff/wishes?status=done')).text();
    expect(html).toContain('您负责的网格里还没有已实现的心愿');
  });
});
