// e2e at 360×740: a grid worker opens 待办 from the navigation, filters with htmx (list swapped, URL pushed, no reload),
// and the page fits the phone; keyboard order reaches the filters before the rows with a visible focus ring.
// The admin's departments and audit pages are captured too. Screens go to test-results/screens/.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPhonePage, screenshot, signInStaffPage } from '../helpers/browser';
import { useServer } from '../helpers/server';
import { DEMO_PASSWORD, demoWorld, resident, type DemoWorld } from '../integration/me-helpers';
import { queueItem } from '../integration/console-queue-helpers';

const server = useServer();
let browser: Browser;
let w: DemoWorld;
const HOUR = 3600_000;

beforeAll(async () => {
  w = await demoWorld(server.db.database);
  const db = server.db.database.db;
  const named = await resident(db, '钱桂英');
  const now = Date.now();
  const g1 = { gridId: w.grid1.id, placeId: w.grid1.placeId };
  await queueItem(db, w, { ...g1, authorUserId: named.id, slaDueAt: new Date(now - 6 * HOUR), categoryKey: 'tip.fire_hazard' });
  await queueItem(db, w, { ...g1, authorUserId: named.id, slaDueAt: new Date(now + 3 * HOUR), policeRelated: true, categoryKey: 'tip.case_clue', anonymous: true });
  await queueItem(db, w, { ...g1, authorUserId: named.id, slaDueAt: new Date(now + 30 * HOUR), kind: 'wish', tier: 2, status: 'in_progress' });
  await queueItem(db, w, { ...g1, authorUserId: named.id, kind: 'wish', categoryKey: 'wish.facility', status: 'routed' });
  await queueItem(db, w, { ...g1, authorUserId: named.id, status: 'resolved' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signIn(page: Page, username: string) {
  await signInStaffPage(page, username, DEMO_PASSWORD);
}

const rows = (page: Page) => page.locator('#queue-list [data-item]').count();
const fitsWidth = async (page: Page) => (await page.evaluate('document.documentElement.scrollWidth')) as number <= 360;

describe('work queue on a phone', () => {
  it('opens from the navigation, filters with htmx, fits 360 px, keyboard reachable', async () => {
    const { page, errors, close } = await newPhonePage(browser, server.url);
    await signIn(page, 'worker1');
    const nav = page.getByRole('link', { name: /待办,4 件未办结/ });
    await nav.click();
    await page.waitForURL(`${server.url}/staff/queue`);
    expect(await rows(page)).toBe(4);
    expect(await page.locator('#queue-list [data-item]').first().getAttribute('class')).toBe('overdue');
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'console-queue-360');

    // htmx: choosing 心愿 swaps only the list and pushes the URL; the page itself is not reloaded.
    await page.evaluate('window.stay = 1');
    // Filters are folded on the phone so the list is in view; open them.
    expect(await page.getByLabel('类型').isVisible()).toBe(false);
    await page.getByText('筛选待办').click();
    await screenshot(page, 'console-queue-360-filters-open');
    // Tap targets: every row link, filter control and tab is at least 44 px tall.
    const heights = await page.$$eval('#queue-list [data-item] > a, #queue-filter select, #queue-filter .check, .tabs .tab, .filter-box > summary', (els) => els.map((e) => e.getBoundingClientRect().height));
    expect(heights.length).toBeGreaterThan(10);
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
    await page.getByLabel('类型').selectOption('wish');
    await page.waitForURL(/kind=wish/);
    await expect.poll(() => rows(page)).toBe(2);
    expect(await page.evaluate('window.stay')).toBe(1);
    // A status tab keeps the filter and is swapped the same way.
    await page.locator('.tabs [data-tab="routed"]').click();
    await page.waitForURL(/status=routed/);
    await expect.poll(() => rows(page)).toBe(1);
    expect(page.url()).toContain('kind=wish');
    expect(await page.evaluate('window.stay')).toBe(1);
    // And the filter form submits the current tab with the next change.
    await page.getByLabel('只看涉警').check();
    await page.waitForURL(/police=1/);
    expect(page.url()).toContain('status=routed');
    await expect.poll(() => page.locator('#queue-list').textContent()).toContain('没有符合筛选条件的事项');
    await screenshot(page, 'console-queue-360-empty-filter');

    // Without htmx (a fresh load of the pushed URL) the same state renders.
    await page.goto('/staff/queue?overdue=1');
    expect(await rows(page)).toBe(1);
    expect(await page.getByLabel('只看超期').isChecked()).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });

  it('a worker told a tracking number on the phone types it into the search box and lands on the item', async () => {
    const db = server.db.database.db;
    const caller = await resident(db, '孙阿姨');
    const item = await queueItem(db, w, { authorUserId: caller.id, gridId: w.grid1.id, placeId: w.grid1.placeId, categoryKey: 'tip.fire_hazard' });
    const { page, errors, close } = await newPhonePage(browser, server.url);
    await signIn(page, 'worker1');
    await page.goto('/staff/queue');
    // Typed the way it is read out: lower case, spaces, no leading zeros.
    const [prefix, year, seq] = item.trackingNo.split('-');
    await page.getByRole('searchbox', { name: '搜索事项' }).fill(`${prefix.toLowerCase()} ${year} ${Number(seq)}`);
    await screenshot(page, 'console-queue-360-search');
    await page.getByRole('searchbox', { name: '搜索事项' }).press('Enter');
    await page.waitForURL(`${server.url}/staff/items/${item.id}`);
    expect(await page.locator('main').textContent()).toContain(item.trackingNo);
    // Words of the text filter the list instead.
    await page.goto('/staff/queue');
    await page.getByRole('searchbox', { name: '搜索事项' }).fill('楼道堆放');
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await page.waitForURL(/q=/);
    await expect.poll(() => rows(page)).toBeGreaterThan(0);
    expect(await fitsWidth(page)).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });

  it('keyboard on a desktop: filters first, then tabs and rows, with a visible focus ring', async () => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, 'worker1');
    await page.goto('/staff/queue?tier=1');
    // With a filter set the filter box is open; the summary comes first, then the fields.
    expect(await page.getByLabel('类型').isVisible()).toBe(true);
    await page.getByLabel('类型').focus();
    const seen: string[] = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      seen.push(
        (await page.evaluate(
          `(el => el.closest('[data-item]') ? 'row' : el.closest('.tabs') ? 'tab' : el.closest('#queue-filter') ? 'filter' : 'other')(document.activeElement)`,
        )) as string,
      );
    }
    const firstTab = seen.indexOf('tab');
    const firstRow = seen.indexOf('row');
    expect(seen.slice(0, 4).every((s) => s === 'filter')).toBe(true);
    expect(firstTab).toBeGreaterThan(0);
    expect(firstRow).toBeGreaterThan(firstTab);
    // Move focus to the first row and check the ring is drawn.
    await page.locator('#queue-list [data-item] > a').first().focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(`(s => s.outlineStyle + ' ' + s.outlineWidth)(getComputedStyle(document.activeElement))`);
    expect(outline).toMatch(/^solid [1-9]/);
    await context.close();
  });
});

describe('admin console pages on a phone', () => {
  it('departments, reply templates and the audit log fit 360 px', async () => {
    const { page, errors, close } = await newPhonePage(browser, server.url);
    await signIn(page, 'admin');
    await page.goto('/admin/departments');
    expect(await page.locator('[data-department]').count()).toBe(5);
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'console-admin-departments-360');
    await page.locator('[data-department="城市管理"]').getByRole('link', { name: '停用' }).click();
    await page.getByRole('button', { name: '停用' }).click();
    await expect.poll(() => page.locator('#notice').textContent()).toContain('已停用');
    await page.goto('/admin/reply-templates');
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'console-admin-templates-360');
    await page.goto('/admin/audit');
    await page.getByText('查看改动').first().click();
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'console-admin-audit-360');
    expect(errors).toEqual([]);
    await close();
  });
});
