// 我的诉求 against real Postgres: own items only, public timeline (never private notes), rating once, reopen within 7 days.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { notifications, submissionEvents, submissionPhotos, submissions } from '../../src/db/schema';
import { recordReply } from '../../src/domain/submissions/record-reply';
import { recordStatusChange } from '../../src/domain/submissions/record-status-change';
import { useTestApp } from '../helpers/app';
import { badInputs } from '../helpers/bad-inputs';
import { demoWorld, insertItem, resident, type DemoWorld } from './me-helpers';

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

const DAY = 86400_000;

describe('list', () => {
  it('asks who you are first', async () => {
    const res = await t.client().get('/me/submissions');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Fme%2Fsubmissions');
  });

  it('an empty list says how to make the first one', async () => {
    const { client } = await signedIn();
    const html = await (await client.get('/me/submissions')).text();
    expect(html).toContain('您还没有提交过线索或心愿');
    expect(html).toContain('扫描小区里张贴的');
  });

  it('shows only my items, newest first, 20 per page', async () => {
    const { user, client } = await signedIn();
    const other = await resident(t.deps.db, '李四');
    const base = Date.now() - 30 * DAY;
    const mine = [];
    for (let i = 0; i < 21; i++) mine.push(await insertItem(t.deps.db, w, { authorUserId: user.id, createdAt: new Date(base + i * 60_000), description: `我的第${i}件` }));
    const theirs = await insertItem(t.deps.db, w, { authorUserId: other.id, description: '别人的诉求' });
    const page1 = await (await client.get('/me/submissions')).text();
    const order = [...page1.matchAll(/data-tracking-no="([^"]+)"/g)].map((m) => m[1]);
    expect(order).toHaveLength(20);
    expect(order[0]).toBe(mine[20].trackingNo);
    expect(order).not.toContain(theirs.trackingNo);
    expect(page1).not.toContain('别人的诉求');
    expect(page1).toContain('消防隐患');
    expect(page1).toContain('待审核');
    const page2 = await (await client.get('/me/submissions?page=2')).text();
    expect([...page2.matchAll(/data-tracking-no="([^"]+)"/g)].map((m) => m[1])).toEqual([mine[0].trackingNo]);
  });
});

describe('detail', () => {
  it('shows the public timeline with replies, and never private notes', async () => {
    const { user, client } = await signedIn();
    const item = await insertItem(t.deps.db, w, { authorUserId: user.id, status: 'received' });
    await t.deps.db.transaction(async (tx) => {
      await recordStatusChange(tx, { submission: item, from: 'received', to: 'pending_review', actorUserId: null });
      await recordStatusChange(tx, { submission: item, from: 'pending_review', to: 'routed', actorUserId: null, body: '已转物业公司处理' });
      await recordReply(tx, { submission: item, body: '物业明天上午上门<script>alert(1)</script>', actorUserId: null as never });
      await tx.insert(submissionEvents).values({ submissionId: item.id, kind: 'note', body: '内部备注:此人多次投诉', public: false });
    });
    await t.deps.db.update(submissions).set({ status: 'routed' }).where(eq(submissions.id, item.id));
    const [photo] = await t.deps.db
      .insert(submissionPhotos)
      .values({ submissionId: item.id, storageKey: `t/${item.id}.jpg`, thumbKey: `t/${item.id}.t.jpg`, mime: 'image/jpeg', width: 1600, height: 1200, bytes: 1000 })
      .returning();
    const res = await client.get(`/me/submissions/${item.trackingNo}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('已转物业公司处理');
    expect(html).toContain('工作人员回复');
    expect(html).toContain('物业明天上午上门&lt;script&gt;');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('内部备注');
    expect(html).toContain(`<a href="/photos/${photo.id}"><img src="/photos/${photo.id}/thumb" alt="照片 1(点击查看大图)" width="96" height="72"/>`);
    // The progress line: received, verifying, pending_review done; 已转派 current.
    expect(html).toMatch(/class="step current" aria-current="step">.*?已转派/s);
    // No ledger yet: no points section at all.
    expect(html).not.toContain('points-earned');
    expect(html).not.toContain('获得积分');
    // Not answered yet: neither rating nor reopen.
    expect(html).not.toContain('rate-box');
    expect(html).not.toContain('reopen-box');
  });

  it("another resident's item, and guessed or malformed numbers, are not found", async () => {
    const { client } = await signedIn();
    const other = await resident(t.deps.db, '王五');
    const theirs = await insertItem(t.deps.db, w, { authorUserId: other.id });
    expect((await client.get(`/me/submissions/${theirs.trackingNo}`)).status).toBe(404);
    expect((await client.post(`/me/submissions/${theirs.trackingNo}/rating`, { rating: '5' })).status).toBe(404);
    expect((await client.post(`/me/submissions/${theirs.trackingNo}/reopen`, { reason: '没修好' })).status).toBe(404);
    for (const id of [...badInputs.ids, String(theirs.id), 'QY-2026-999999']) {
      const res = await client.get(`/me/submissions/${encodeURIComponent(id)}`);
      expect(res.status, id).toBe(404);
      expect(await res.text()).toContain('找不到');
    }
  });
});

describe('rating', () => {
  it('once, after 已办结, with values kept on error', async () => {
    const { user, client } = await signedIn();
    const item = await insertItem(t.deps.db, w, { authorUserId: user.id, status: 'resolved' });
    const url = `/me/submissions/${item.trackingNo}`;
    expect(await (await client.get(url)).text()).toContain('对办理结果满意吗');

    const bad = await client.post(`${url}/rating`, { rating: '9', comment: '我的意见要保留' });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('满意度只能是 1 到 5 星');
    expect(badHtml).toContain('我的意见要保留');

    const none = await client.post(`${url}/rating`, { comment: 'x'.repeat(501) });
    expect(none.status).toBe(422);
    const noneHtml = await none.text();
    expect(noneHtml).toContain('请选择 1 到 5 星');
    expect(noneHtml).toContain('内容太长了,最多 500 个字');

    // Markup and htmx attributes are refused by the shared text rule, with the values kept.
    const markup = await client.post(`${url}/rating`, { rating: '4', comment: '" hx-get="/admin" hx-trigger="load' });
    expect(markup.status).toBe(422);
    const ok = await client.post(`${url}/rating`, { rating: '4', comment: '处理得很及时,谢谢 "网格员"' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`${url}?done=rated`);
    const [row] = await t.deps.db.select().from(submissions).where(eq(submissions.id, item.id));
    expect(row).toMatchObject({ rating: 4, ratingComment: '处理得很及时,谢谢 "网格员"' });
    expect(row.ratedAt).toBeInstanceOf(Date);
    const page = await (await client.get(`${url}?done=rated`)).text();
    expect(page).toContain('谢谢您的评价');
    expect(page).toContain('★★★★☆');
    expect(page).not.toContain('hx-get="/admin"');
    expect(page).not.toContain('id="rate-box"');

    const again = await client.post(`${url}/rating`, { rating: '1' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('已经评价过了');
    const [still] = await t.deps.db.select().from(submissions).where(eq(submissions.id, item.id));
    expect(still.rating).toBe(4);
  });

  it('htmx gets only the box back, as 422', async () => {
    const { user, client } = await signedIn();
    const item = await insertItem(t.deps.db, w, { authorUserId: user.id, status: 'resolved' });
    const res = await client.post(`/me/submissions/${item.trackingNo}/rating`, { rating: '' }, { 'HX-Request': 'true', 'HX-Request-Type': 'partial' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html.startsWith('<section class="card" id="rate-box">')).toBe(true);
    expect(html).not.toContain('<html');
  });

  it('cannot rate before 已办结', async () => {
    const { user, client } = await signedIn();
    const item = await insertItem(t.deps.db, w, { authorUserId: user.id, status: 'in_progress' });
    const res = await client.post(`/me/submissions/${item.trackingNo}/rating`, { rating: '5' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('诉求办结后才能评价');
  });

  it('two tabs rating at once: one wins', async () => {
    const { user, client } = await signedIn();
    const item = await insertItem(t.deps.db, w, { authorUserId: user.id, status: 'resolved' });
    const results = await Promise.all(['5', '1', '3'].map((r) => client.post(`/me/submissions/${item.trackingNo}/rating`, { rating: r })));
    expect(results.map((r) => r.status).sort()).toEqual([303, 409, 409]);
    const events = await t.deps.db.select().from(submissionEvents).where(and(eq(submissionEvents.submissionId, item.id), eq(submissionEvents.kind, 'rating')));
    expect(events).toHaveLength(1);
  });
});

describe('reopen', () => {
  it('within 7 days: back to 处理中, counted, on the timeline, and the author is told', async () => {
    const { user, client } = await signedIn();
    const item = await insertItem(t.deps.db, w, { authorUserId: user.id, status: 'resolved', resolvedAt: new Date(Date.now() - 6 * DAY) });
    const url = `/me/submissions/${item.trackingNo}`;
    expect(await (await client.get(url)).text()).toContain('问题没有解决');

    const empty = await client.post(`${url}/reopen`, { reason: '\u3000\u3000 ' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('请写一写哪里还没有解决');

    const ok = await client.post(`${url}/reopen`, { reason: '楼道里的电线还在' });
    expect(ok.status).toBe(303);
    const [row] = await t.deps.db.select().from(submissions).where(eq(submissions.id, item.id));
    expect(row).toMatchObject({ status: 'in_progress', reopenCount: 1, resolvedAt: null });
    const events = await t.deps.db.select().from(submissionEvents).where(eq(submissionEvents.submissionId, item.id));
    expect(events.map((e) => [e.kind, e.toStatus, e.public])).toEqual([
      ['reopen', null, true],
      ['status', 'in_progress', true],
    ]);
    const notes = await t.deps.db.select().from(notifications).where(eq(notifications.userId, user.id));
    expect(notes.map((n) => n.kind)).toContain('status.in_progress');
    const page = await (await client.get(`${url}?done=reopened`)).text();
    expect(page).toContain('已重新打开,工作人员会继续处理');
    expect(page).toContain('楼道里的电线还在');
    expect(page).toContain('您重新打开了诉求');
    expect(page).not.toContain('id="reopen-box"');
  });

  it('after 7 days it explains why not', async () => {
    const { user, client } = await signedIn();
    const item = await insertItem(t.deps.db, w, { authorUserId: user.id, status: 'resolved', resolvedAt: new Date(Date.now() - 8 * DAY) });
    const url = `/me/submissions/${item.trackingNo}`;
    expect(await (await client.get(url)).text()).not.toContain('id="reopen-box"');
    const res = await client.post(`${url}/reopen`, { reason: '还是不行' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('已超过办结后 7 天');
    const [row] = await t.deps.db.select().from(submissions).where(eq(submissions.id, item.id));
    expect(row.status).toBe('resolved');
  });

  it('bad text cases: a Chinese message or a clean round trip, never a 500', async () => {
    const { user, client } = await signedIn();
    for (const c of badInputs.text) {
      const item = await insertItem(t.deps.db, w, { authorUserId: user.id, status: 'resolved' });
      const value = c.value.repeat(c.repeat ?? 1);
      const res = await client.post(`/me/submissions/${item.trackingNo}/reopen`, { reason: value });
      expect(res.status, c.why).toBeLessThan(500);
      if (res.status === 303) {
        const page = await (await client.get(`/me/submissions/${item.trackingNo}`)).text();
        expect(page, c.why).not.toContain('<script>alert(1)');
        expect(page, c.why).not.toContain('<img src=x');
      } else {
        expect(await res.text(), c.why).toMatch(/[\u4e00-\u9fff]/);
        const [row] = await t.deps.db.select().from(submissions).where(eq(submissions.id, item.id));
        expect(row.status, c.why).toBe('resolved');
      }
    }
  });
});
