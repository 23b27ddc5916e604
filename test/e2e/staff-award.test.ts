// e2e at 360×740: a resident reports a tip from a QR poster; grid worker 1 accepts it with points (changed, with a
// reason and an answer); the resident sees the answer and the new balance. An award above the threshold waits until
// grid leader 陈 approves it. Screens go to test-results/screens/.
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointAccounts, submissions } from '../../src/db/schema';
import { launchBrowser, newPhonePage, screenshot as fullScreenshot, type PhonePage, signInStaffPage } from '../helpers/browser';
import { qrByKey } from '../helpers/report';
import { useServer } from '../helpers/server';
import { demoWorld, insertItem, resident, residentPhone, type DemoWorld } from '../integration/me-helpers';

const server = useServer();
let browser: Browser;
let w: DemoWorld;
let residentPage: PhonePage | undefined;
const phone = residentPhone();
let trackingNo = '';

beforeAll(async () => {
  w = await demoWorld(server.db.database);
  browser = await launchBrowser();
});
afterAll(async () => {
  await residentPage?.close();
  await browser?.close();
});

const db = () => server.db.database.db;

/** Full-page shots from the top, so the sticky header is not painted over the middle of the page. */
async function screenshot(page: Page, name: string) {
  await page.evaluate('window.scrollTo(0, 0)');
  return fullScreenshot(page, name);
}

async function balance(userId: number) {
  const [a] = await db().select().from(pointAccounts).where(eq(pointAccounts.ownerUserId, userId));
  return a ? Number(a.balance) : 0;
}

describe('accepting a tip with points', () => {
  it('a resident reports a fire hazard from the lobby poster', async () => {
    residentPage = await newPhonePage(browser, server.url);
    const { page, errors } = residentPage;
    const lobby = await qrByKey(db(), 'cy1-b2-lobby');
    await page.goto(`/report/new?qr=${lobby.code}&kind=tip`);
    await page.getByText('消防隐患(飞线充电、楼道堆物、电瓶车进楼)').click();
    await page.getByLabel('情况描述', { exact: true }).fill('2单元一楼楼道堆满纸箱,还有人在旁边飞线给电瓶车充电。');
    await page.getByLabel('手机号', { exact: true }).fill(phone);
    await page.getByRole('button', { name: '获取验证码' }).click();
    const code = await page.locator('[data-demo-code]').getAttribute('data-demo-code');
    await page.getByLabel('验证码', { exact: true }).fill(code!);
    await page.getByRole('button', { name: '登录并提交' }).click();
    await page.waitForURL(/\/report\/done\/QY-\d{4}-\d{6}$/);
    trackingNo = (await page.locator('[data-tracking-no]').getAttribute('data-tracking-no'))!;
    expect(errors).toEqual([]);
  }, 60_000);

  it('grid worker 1 accepts it with 50 points, a reason and an answer', async () => {
    // The verification job moves the new item to 待审核 in the background.
    await expect
      .poll(async () => (await db().select().from(submissions).where(eq(submissions.trackingNo, trackingNo)))[0]?.status, { timeout: 30_000, interval: 250 })
      .toBe('pending_review');
    const [item] = await db().select().from(submissions).where(eq(submissions.trackingNo, trackingNo));
    const { page, errors, close } = await newPhonePage(browser, server.url);
    await signInStaffPage(page, 'worker1');
    await page.goto(`/staff/items/${item.id}/accept`);
    expect(await page.locator('main').textContent()).toContain('本类别可发 10–100 分');
    expect(await page.getByLabel('发放积分').inputValue()).toBe('30');
    await page.getByLabel('发放积分').fill('50');
    await page.getByRole('button', { name: '采纳并发放积分' }).click();
    // Changed without a reason: the box comes back (htmx) with the message, the amount kept.
    await expect.poll(() => page.locator('#accept-box').textContent()).toContain('请填写调整理由');
    expect(await page.getByLabel('发放积分').inputValue()).toBe('50');
    await page.getByLabel('调整理由').fill('堆物加飞线,隐患较大');
    await page.getByLabel('给居民的答复(选填)').fill('感谢您的线索!物业已清理纸箱,并拆除了飞线。');
    await screenshot(page, 'staff-accept-form');
    await page.getByRole('button', { name: '采纳并发放积分' }).click();
    await expect.poll(() => page.locator('#accept-box').textContent()).toContain('已采纳,并向居民发放 50 积分');
    // The summary above the box is swapped out of band: it shows the new status without a reload.
    expect(await page.locator('#action-item').textContent()).toContain('已采纳');
    await screenshot(page, 'staff-accept-done');
    expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
    await close();
  }, 60_000);

  it('the resident sees the answer and the new balance', async () => {
    const { page, errors } = residentPage!;
    await page.goto(`/me/submissions/${trackingNo}`);
    const text = await page.locator('main').textContent();
    expect(text).toContain('感谢您的线索!物业已清理纸箱,并拆除了飞线。');
    expect(text).toContain('已采纳');
    expect(text).toContain('院落/网格');
    await screenshot(page, 'resident-accepted-item');
    await page.goto('/me/points');
    await expect.poll(() => page.locator('main').textContent()).toContain('50');
    await screenshot(page, 'resident-points-after-accept');
    expect(errors).toEqual([]);
  });
});

describe('an award above the threshold', () => {
  it('waits for the grid leader, who approves it', async () => {
    const author = await resident(db(), '周立新');
    const item = await insertItem(db(), w, { authorUserId: author.id, description: '小区东门有人多次兜售来路不明的电动车电池,疑似销赃。' });
    await db().update(submissions).set({ categoryKey: 'tip.case_clue' }).where(eq(submissions.id, item.id));

    const worker = await newPhonePage(browser, server.url);
    await signInStaffPage(worker.page, 'worker1');
    await worker.page.goto(`/staff/items/${item.id}/accept`);
    await worker.page.getByLabel('发放积分').fill('260');
    await worker.page.getByLabel('调整理由').fill('线索具体,协助民警抓获嫌疑人');
    await worker.page.getByRole('button', { name: '采纳并发放积分' }).click();
    await expect.poll(() => worker.page.locator('#accept-box').textContent()).toContain('260 积分超过审批额度,需网格长审批后才会发放');
    await screenshot(worker.page, 'staff-accept-pending');
    expect(worker.errors).toEqual([]);
    await worker.close();
    expect(await balance(author.id)).toBe(0);

    const leader = await newPhonePage(browser, server.url);
    await signInStaffPage(leader.page, 'leader.chen');
    await leader.page.goto('/staff/approvals');
    const card = leader.page.locator('[data-request]', { hasText: item.trackingNo });
    expect(await card.textContent()).toContain('260 分');
    expect(await card.textContent()).toContain('线索具体,协助民警抓获嫌疑人');
    await screenshot(leader.page, 'staff-approvals');
    await card.getByRole('button', { name: '批准发放' }).click();
    await leader.page.waitForURL(/done=approved/);
    await expect.poll(() => leader.page.locator('main').textContent()).toContain('已批准,200 积分已发放。');
    // …and why it is less than the 260 requested.
    expect(await leader.page.locator('main').textContent()).toContain('申请 260 分,居民已达到每日积分上限,按上限发放');
    expect(await leader.page.locator('[data-request]', { hasText: item.trackingNo }).count()).toBe(0);
    await screenshot(leader.page, 'staff-approvals-done');
    expect(leader.errors).toEqual([]);
    await leader.close();
    // Paid once, trimmed to the resident's daily cap (200) as the rule set says.
    expect(await balance(author.id)).toBe(200);
  }, 60_000);
});

describe('mediation and escalation pages', () => {
  it('a dispute escalated to the community is settled there by a resident volunteer', async () => {
    const author = await resident(db(), '吴桂兰');
    const volunteer = await resident(db(), '郑志明');
    const item = await insertItem(db(), w, { authorUserId: author.id, description: '楼上住户装修噪音大,两家为此多次争吵。' });
    await db().update(submissions).set({ categoryKey: 'tip.dispute' }).where(eq(submissions.id, item.id));
    const { page, errors, close } = await newPhonePage(browser, server.url);
    await signInStaffPage(page, 'worker1');
    await page.goto(`/staff/items/${item.id}/escalate`);
    await page.getByLabel('升级理由').fill('双方各执一词,需社区调解委员会介入。');
    await screenshot(page, 'staff-escalate-form');
    await page.getByRole('button', { name: '确认升级' }).click();
    await expect.poll(() => page.locator('#escalate-box').textContent()).toContain('已升级至社区处理');

    await page.goto(`/staff/items/${item.id}/mediate`);
    expect(await page.locator('#mediation-stats').textContent()).toContain('0 / 0 / 0');
    expect(await page.getByLabel('在哪一级化解').inputValue()).toBe('2');
    await page.getByText('居民志愿者').click();
    await page.getByLabel('志愿者手机号').fill(volunteer.phone);
    await page.getByLabel('调解结果(居民可见,选填)').fill('约定装修时间为工作日 9:00–18:00,双方握手言和。');
    await screenshot(page, 'staff-mediate-form');
    await page.getByRole('button', { name: '确认已调解化解' }).click();
    await expect.poll(() => page.locator('#mediate-box').textContent()).toContain('已按调解化解办结(在社区化解)');
    expect(await page.locator('#mediate-box').textContent()).toContain('已向调解志愿者发放 50 积分');
    await screenshot(page, 'staff-mediate-done');
    await page.goto(`/staff/items/${item.id}/mediate`);
    expect(await page.locator('#mediation-stats').textContent()).toContain('0 / 1 / 0');
    expect(await balance(volunteer.id)).toBe(50);
    expect(errors).toEqual([]);
    await close();
  }, 60_000);
});
