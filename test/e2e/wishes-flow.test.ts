// e2e at 360×740: a resident offers to fulfil a public wish, a grid worker arranges and confirms it, and both residents
// find it in 消息; the author also follows items in 我的诉求 and rates one. Screens go to test-results/screens/.
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submissions } from '../../src/db/schema';
import { recordReply } from '../../src/domain/submissions/record-reply';
import { recordStatusChange } from '../../src/domain/submissions/record-status-change';
import { launchBrowser, newPhonePage, screenshot, signInResidentPage as signInResident, signInStaffPage } from '../helpers/browser';
import { useServer } from '../helpers/server';
import { demoWorld, insertItem, resident, type DemoWorld } from '../integration/me-helpers';

const server = useServer();
let browser: Browser;
let w: DemoWorld;
let author: Awaited<ReturnType<typeof resident>>;
let helper: Awaited<ReturnType<typeof resident>>;
let wish: Awaited<ReturnType<typeof insertItem>>;
let tip: Awaited<ReturnType<typeof insertItem>>;
/** The helper stays signed in across tests: a second code for the same phone within a minute is (rightly) refused. */
let helperPage: Awaited<ReturnType<typeof newPhonePage>> | undefined;

beforeAll(async () => {
  w = await demoWorld(server.db.database);
  const db = server.db.database.db;
  author = await resident(db, '赵秀兰');
  helper = await resident(db, '钱志强');
  wish = await insertItem(db, w, { authorUserId: author.id, kind: 'wish', publicWish: true, grid: 'grid1', description: '家里老人腿脚不便,想请邻居每周帮忙买一次菜。' });
  tip = await insertItem(db, w, { authorUserId: author.id, status: 'received', description: '5栋2单元楼道有人给电瓶车飞线充电,晚上很危险。' });
  await db.transaction(async (tx) => {
    await recordStatusChange(tx, { submission: tip, from: 'received', to: 'pending_review', actorUserId: null });
    await recordStatusChange(tx, { submission: tip, from: 'pending_review', to: 'accepted', actorUserId: null, body: '感谢您的线索,已安排网格员核实。' });
    await recordReply(tx, { submission: tip, body: '网格员已上门劝导,飞线已拆除。', actorUserId: null as never });
    await recordStatusChange(tx, { submission: tip, from: 'accepted', to: 'resolved', actorUserId: null, body: '已办结:飞线已拆除,将定期巡查。' });
  });
  await db.update(submissions).set({ status: 'resolved', resolvedAt: new Date() }).where(eq(submissions.id, tip.id));
  browser = await launchBrowser();
});
afterAll(async () => {
  await helperPage?.close();
  await browser?.close();
});

describe('心愿: offer → arrange → fulfil', () => {
  it('a resident offers to help from the wish wall', async () => {
    helperPage = await newPhonePage(browser, server.url);
    const { page, errors } = helperPage;
    await page.goto('/wishes');
    await expect.poll(() => page.locator('main').textContent()).toContain('赵**');
    expect(await page.locator('main').textContent()).not.toContain('赵秀兰');
    await screenshot(page, 'wishes-wall-signed-out');

    await page.getByRole('link', { name: '登录后报名帮忙' }).first().click();
    await page.waitForURL(/\/login/);
    await signInResident(page, helper.phone, `/wishes/${wish.id}/offer`);
    await page.getByLabel('给工作人员留言(选填)').fill('周六上午有空,可以开车去超市。');
    await screenshot(page, 'wishes-offer-form');
    await page.getByRole('button', { name: '确认报名' }).click();
    await page.waitForURL(/\/wishes\?c=\d+&offered=1/);
    await expect.poll(() => page.locator('main').textContent()).toContain('报名成功');
    expect(await page.locator(`[data-wish="${wish.id}"]`).textContent()).toContain('您已报名帮忙,等待工作人员确认');
    await screenshot(page, 'wishes-wall-offered');
    expect(errors).toEqual([]);
  });

  it('grid worker 1 arranges the helper and confirms the wish fulfilled', async () => {
    const { page, errors, close } = await newPhonePage(browser, server.url);
    await signInStaffPage(page, 'worker1');
    await page.getByRole('link', { name: '心愿帮扶' }).click();
    await page.waitForURL(`${server.url}/staff/wishes`);
    const card = page.locator(`[data-wish="${wish.id}"]`);
    expect(await card.textContent()).toContain('周六上午有空');
    await screenshot(page, 'staff-wishes-open');

    await card.getByRole('button', { name: '安排此人帮忙' }).click();
    await page.waitForURL(/done=accepted/);
    await expect.poll(() => page.locator('main').textContent()).toContain('已安排帮助人');
    await screenshot(page, 'staff-wishes-arranged');

    await page.locator(`[data-wish="${wish.id}"]`).getByRole('link', { name: '确认心愿已实现' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('确认 钱志强 已帮助实现这个心愿吗');
    await page.getByRole('button', { name: '确认已实现' }).click();
    await expect.poll(() => page.locator('#fulfilment-done').textContent()).toContain('已确认心愿实现');
    // The helper was paid through the ledger, and the page says so.
    expect(await page.locator('main').textContent()).toContain('已按心愿帮扶规则为帮助人发放积分');
    await screenshot(page, 'staff-wishes-fulfilled');
    expect(errors).toEqual([]);
    await close();
  });

  it('the helper finds the outcome in 消息', async () => {
    const { page, errors } = helperPage!;
    await page.goto('/');
    const inboxLink = page.locator('nav a[href="/me/inbox"]');
    expect(await inboxLink.locator('.count').textContent()).toBe('2');
    await inboxLink.click();
    await page.waitForURL(`${server.url}/me/inbox`);
    const text = await page.locator('main').textContent();
    expect(text).toContain('您帮忙的心愿已确认实现,谢谢您!');
    expect(text).toContain('您报名帮忙的心愿已确认由您帮忙');
    await screenshot(page, 'inbox-helper');
    await page.getByRole('button', { name: '全部标为已读' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('已将 2 条消息标为已读');
    expect(await page.locator('nav a[href="/me/inbox"] .count').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('the author sees the news, follows 我的诉求 and rates the answered tip', async () => {
    const { page, errors, close } = await newPhonePage(browser, server.url);
    await signInResident(page, author.phone, '/');
    expect(Number(await page.locator('nav a[href="/me/inbox"] .count').textContent())).toBeGreaterThanOrEqual(4);
    await page.locator('nav a[href="/me/inbox"]').click();
    await page.waitForURL(`${server.url}/me/inbox`);
    expect(await page.locator('main').textContent()).toContain(`您的心愿(${wish.trackingNo})已实现`);
    await screenshot(page, 'inbox-author');

    // Opening the wish's message marks it read and leads to the item.
    await page.locator('a[data-notification]', { hasText: '已实现' }).first().click();
    await page.waitForURL(`${server.url}/me/submissions/${wish.trackingNo}`);
    const wishText = await page.locator('main').textContent();
    expect(wishText).toContain('钱**(已帮您实现)');
    expect(wishText).toContain('心愿已实现,感谢热心邻居的帮助');
    await screenshot(page, 'me-wish-detail');

    await page.locator('nav a[href="/me/submissions"]').click();
    await page.waitForURL(`${server.url}/me/submissions`);
    expect(await page.locator('[data-tracking-no]').count()).toBe(2);
    await screenshot(page, 'me-submissions-list');

    await page.locator(`[data-tracking-no="${tip.trackingNo}"]`).click();
    await page.waitForURL(`${server.url}/me/submissions/${tip.trackingNo}`);
    const tipText = await page.locator('main').textContent();
    expect(tipText).toContain('网格员已上门劝导,飞线已拆除。');
    expect(tipText).toContain('对办理结果满意吗');
    await screenshot(page, 'me-submission-detail');

    // Sending without a choice: the message comes back in the box (htmx), the comment kept.
    await page.getByLabel('说说您的想法(选填)').fill('处理得很及时');
    await page.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => page.locator('#rate-box').textContent()).toContain('请选择 1 到 5 星');
    expect(await page.getByLabel('说说您的想法(选填)').inputValue()).toBe('处理得很及时');
    await page.getByText('很满意').click();
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.waitForURL(/done=rated/);
    await expect.poll(() => page.locator('main').textContent()).toContain('谢谢您的评价');
    expect(await page.locator('.stars-shown').textContent()).toBe('★★★★★');
    await screenshot(page, 'me-submission-rated');
    // The deliberate empty rating is a 422 resource in Chromium's console; nothing else may be there.
    expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
    await close();
  });
});
