// e2e at 360×740: a resident with points redeems goods and shows the voucher; the clerk opens the counter from the
// counter poster, confirms by typed code; the resident's balance and the stock change. A resident books a course
// seat and cancels it. Screens go to test-results/screens/.
import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qrCodes, rewardItems, rewardSessions } from '../../src/db/schema';
import { launchBrowser, newPhonePage, screenshot, signInResidentPage as signInResident, signInStaffPage } from '../helpers/browser';
import { creditPoints, makeCourse, makeGoods } from '../helpers/rewards';
import { useServer } from '../helpers/server';
import { demoWorld, resident, type DemoWorld } from '../integration/me-helpers';

const server = useServer();
let browser: Browser;
let w: DemoWorld;
let me: Awaited<ReturnType<typeof resident>>;
let booker: Awaited<ReturnType<typeof resident>>;
let rice: Awaited<ReturnType<typeof makeGoods>>;
let course: Awaited<ReturnType<typeof makeCourse>>;
let code = '';
let qrSvg = '';
/** The resident stays signed in across tests: a second code for the same phone within a minute is (rightly) refused. */
let mine: Awaited<ReturnType<typeof newPhonePage>> | undefined;

beforeAll(async () => {
  w = await demoWorld(server.db.database);
  const db = server.db.database.db;
  me = await resident(db, '孙桂芳');
  booker = await resident(db, '周建国');
  await creditPoints(db, w.community.id, [me.id, booker.id], 150);
  rice = await makeGoods(db, w.community.id, { name: '大米 5 kg', price: 120, stock: 5 });
  await makeGoods(db, w.community.id, { name: '食用油 5 L', price: 200, stock: 5 });
  course = await makeCourse(db, w.community.id, { name: '智能手机使用课', price: 20, seats: 8, startsAt: new Date(Date.now() + 4 * 86_400_000) });
  browser = await launchBrowser();
});
afterAll(async () => {
  await mine?.close();
  await browser?.close();
});

const stock = async () => (await server.db.database.db.select().from(rewardItems).where(eq(rewardItems.id, rice.id)))[0].stock;

describe('积分超市: redeem → voucher → clerk hands over', () => {
  it('the resident redeems rice from the catalog and shows the voucher', async () => {
    mine = await newPhonePage(browser, server.url);
    const { page, errors } = mine;
    await signInResident(page, me.phone, '/');
    await page.getByRole('link', { name: /积分超市/ }).first().click();
    await page.waitForURL(/\/rewards$/);
    await expect.poll(() => page.locator('[data-balance]').textContent()).toBe('150');
    expect(await page.locator('#affordable').textContent()).toContain('大米 5 kg');
    expect(await page.locator('#others').textContent()).toContain('还差 50 分');
    await screenshot(page, 'rewards-catalog');
    await page.locator(`[data-item="${rice.id}"]`).getByRole('link', { name: '兑换' }).click();
    await expect.poll(() => page.locator('[data-after]').textContent()).toBe('30');
    await screenshot(page, 'rewards-confirm');
    await page.getByRole('button', { name: '确认兑换' }).click();
    await page.waitForURL(/\/me\/vouchers\/\d+\?done=redeemed/);
    code = (await page.locator('[data-code]').getAttribute('data-code'))!;
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(await page.locator('svg.voucher-qr').count()).toBe(1);
    qrSvg = await page.locator('svg.voucher-qr').evaluate((el) => el.outerHTML);
    expect(await page.locator('main').textContent()).toContain('待领取');
    await screenshot(page, 'rewards-voucher');
    expect(await stock()).toBe(4);
    expect(errors).toEqual([]);
  });

  it('clerk.sun opens the counter from the counter poster and confirms by typed code', async () => {
    const db = server.db.database.db;
    const [poster] = await db.select().from(qrCodes).where(and(eq(qrCodes.communityId, w.community.id), eq(qrCodes.purpose, 'redemption_counter'))).limit(1);
    const { page, errors, close } = await newPhonePage(browser, server.url);
    await signInStaffPage(page, 'clerk.sun');
    await page.goto(`/q/${poster.code}`);
    await page.getByRole('link', { name: /兑换柜台/ }).click();
    await page.waitForURL(/\/clerk$/);
    expect(await page.locator('main').textContent()).not.toContain('即将开放');
    await screenshot(page, 'rewards-clerk-counter');
    await page.getByLabel('输入兑换码').fill(`${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`);
    await page.getByRole('button', { name: '查询' }).click();
    await page.locator('#counter-voucher').waitFor();
    expect(await page.locator('[data-resident]').textContent()).toBe('孙**');
    expect(await page.locator('[data-item-name]').textContent()).toBe('大米 5 kg');
    await screenshot(page, 'rewards-clerk-voucher');
    await page.getByRole('button', { name: '确认发放' }).click();
    await page.waitForURL(/\/clerk\?done=1/);
    await expect.poll(() => page.locator('#notice').textContent()).toContain('已发放:大米 5 kg(孙**)');
    expect(await page.locator(`[data-stock-item="${rice.id}"]`).getAttribute('data-stock')).toBe('4');
    expect(await page.locator('#counter-today').textContent()).toContain('大米 5 kg');
    await screenshot(page, 'rewards-clerk-done');
    await page.getByRole('link', { name: '兑换品管理' }).click();
    await page.locator(`[data-catalog-item="${rice.id}"]`).click();
    await page.locator('#stock-form').waitFor();
    await screenshot(page, 'rewards-catalog-item');
    await page.getByLabel('增减数量').fill('10');
    await page.getByRole('button', { name: '补货 / 更正库存' }).click();
    await expect.poll(() => page.locator('#catalog-item [data-stock]').getAttribute('data-stock')).toBe('14');
    expect(errors).toEqual([]);
    await close();
  });

  it('the counter camera scanner reads the voucher QR with the self-hosted polyfill (no third-party request)', async () => {
    const { page, errors, close } = await newPhonePage(browser, server.url);
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    await signInStaffPage(page, 'clerk.sun');
    await page.goto('/clerk');
    // Headless Chromium on Linux has no native BarcodeDetector: this is the ZXing WebAssembly path the clerk's phone may take.
    // Browser code as a string: the test's TypeScript has no DOM types.
    const raw = await page.evaluate(`(async (svg) => {
      const Detector = await window.anlinScanDetector();
      const img = new Image();
      img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg.replace('<svg ', '<svg xmlns="http://www.w3.org/2000/svg" width="480" height="480" '));
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 480;
      canvas.getContext('2d').drawImage(img, 0, 0, 480, 480);
      const found = await new Detector({ formats: ['qr_code'] }).detect(canvas);
      return found[0] ? found[0].rawValue : null;
    })(${JSON.stringify(qrSvg)})`);
    expect(raw).toMatch(new RegExp(`^https?://[^/]+/clerk\\?code=${code}$`));
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('the resident sees 已领取 and the new balance', async () => {
    const { page, errors } = mine!;
    await page.goto('/me/vouchers');
    expect(await page.locator('main').textContent()).toContain('已领取');
    await screenshot(page, 'rewards-my-vouchers');
    await page.goto('/me/points');
    await expect.poll(() => page.locator('[data-balance]').textContent()).toBe('30');
    expect(errors).toEqual([]);
  });
});

describe('积分超市: book a course seat and cancel it', () => {
  it('books a session, then cancels with confirmation; points and the seat come back', async () => {
    const { page, errors, close } = await newPhonePage(browser, server.url);
    await signInResident(page, booker.phone, '/rewards');
    const session = course.sessions[0];
    await page.locator(`[data-session="${session.id}"]`).getByRole('link', { name: '预约' }).click();
    await expect.poll(() => page.locator('[data-after]').textContent()).toBe('130');
    await page.getByRole('button', { name: '确认兑换' }).click();
    await page.waitForURL(/\/me\/vouchers\/\d+\?done=redeemed/);
    const seats = async () => (await server.db.database.db.select().from(rewardSessions).where(eq(rewardSessions.id, session.id)))[0].seatsLeft;
    expect(await seats()).toBe(7);
    await screenshot(page, 'rewards-course-voucher');
    await page.getByRole('link', { name: '取消兑换' }).click();
    expect(await page.locator('main').textContent()).toContain('20 积分会退回');
    await screenshot(page, 'rewards-course-cancel');
    await page.getByRole('button', { name: '取消兑换' }).click();
    await page.waitForURL(/\/me\/vouchers\?cancelled=20/);
    expect(await page.locator('main').textContent()).toContain('已取消');
    expect(await seats()).toBe(8);
    await page.goto('/rewards');
    await expect.poll(() => page.locator('[data-balance]').textContent()).toBe('150');
    expect(errors).toEqual([]);
    await close();
  });
});
