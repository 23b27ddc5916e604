// e2e at 360×740: grid worker 1 opens a tip in the demo community, replies from a template, resolves it; the resident sees
// the reply and the answer in 我的诉求 and is asked to rate. Screens go to test-results/screens/.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPhonePage, screenshot, signInStaffPage } from '../helpers/browser';
import { useServer } from '../helpers/server';
import { demoWorld, insertItem, resident } from '../integration/me-helpers';

const server = useServer();
let browser: Browser;
let author: Awaited<ReturnType<typeof resident>>;
let tip: Awaited<ReturnType<typeof insertItem>>;

beforeAll(async () => {
  const w = await demoWorld(server.db.database);
  const db = server.db.database.db;
  author = await resident(db, '周桂芳');
  tip = await insertItem(db, w, { authorUserId: author.id, grid: 'grid1', description: '1栋3单元楼道堆满纸箱和旧家具,消防通道被堵住了。' });
  await insertItem(db, w, { authorUserId: (await resident(db, '吴建华')).id, grid: 'grid1', description: '1栋3单元楼道堆满纸箱,消防通道被堵。' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const mainText = (page: Page) => page.locator('main').textContent();

describe('staff item page', () => {
  it('grid worker 1 replies and resolves', async () => {
    const { page, errors, close } = await newPhonePage(browser, server.url);
    await signInStaffPage(page, 'worker1');
    await page.goto(`/staff/items/${tip.id}`);
    await expect.poll(() => mainText(page)).toContain('消防通道被堵住了');
    expect(await mainText(page)).toContain('周桂芳');
    expect(await page.locator('[data-similar]').count()).toBe(1);
    await screenshot(page, 'staff-item-open');

    // Template picker without JavaScript semantics: a GET that fills the box, then edit and send.
    await page.getByLabel('回复模板').selectOption({ label: '已收到' });
    await page.getByRole('button', { name: '填入模板' }).click();
    await expect.poll(() => page.locator('#f-body').inputValue()).not.toBe('');
    await page.locator('#f-body').fill('您好,已收到您的反映,网格员今天下午上门查看。');
    await page.getByRole('button', { name: '发送' }).click();
    await expect.poll(() => mainText(page)).toContain('回复已发送');
    expect(await page.locator('#timeline').textContent()).toContain('网格员今天下午上门查看');

    await page.getByLabel('办理结果(居民可见)').fill('楼道杂物已清理完毕,已提醒住户不要再堆放。');
    await page.getByRole('button', { name: '办结', exact: true }).click();
    await expect.poll(() => mainText(page)).toContain('已办结,居民会收到通知');
    expect(await page.locator('.item-head').first().textContent()).toContain('已办结');
    await screenshot(page, 'staff-item-resolved');
    expect(errors).toEqual([]);
    await close();
  });

  it('a refused form keeps the text and says why in Chinese', async () => {
    const { page, errors, close } = await newPhonePage(browser, server.url);
    await signInStaffPage(page, 'worker1');
    await page.goto(`/staff/items/${tip.id}`);
    await page.locator('#f-body').fill('请看 <b>这里</b>');
    await page.getByRole('button', { name: '发送' }).click();
    await expect.poll(() => mainText(page)).toContain('内容里不能有网页代码');
    expect(await page.locator('#f-body').inputValue()).toBe('请看 <b>这里</b>');
    await screenshot(page, 'staff-item-refused');
    // htmx logs the 422 response it swapped in; nothing else may appear (no CSP violations, no script errors).
    expect(errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
    await close();
  });

  it('the resident sees the reply and the answer, and is asked to rate', async () => {
    const { page, errors, close } = await newPhonePage(browser, server.url);
    const next = `/me/submissions/${tip.trackingNo}`;
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel('手机号').fill(author.phone);
    await page.getByRole('button', { name: '获取验证码' }).click();
    const demo = page.locator('[data-demo-code]');
    await demo.waitFor();
    await page.getByLabel('验证码').fill((await demo.getAttribute('data-demo-code'))!);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL(`${server.url}${next}`);
    const text = await mainText(page);
    expect(text).toContain('网格员今天下午上门查看');
    expect(text).toContain('楼道杂物已清理完毕');
    expect(await page.locator('#rate-box').count()).toBe(1);
    await screenshot(page, 'staff-item-resident-view');
    expect(errors).toEqual([]);
    await close();
  });
});
