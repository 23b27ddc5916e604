// e2e at 360×740: an admin publishes a 温馨提示 to one grid through the form; a resident scanning a poster in that grid
// sees it on the scan page and opens it, a resident scanning in another grid does not see it.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qrCodes } from '../../src/db/schema';
import { generateCode } from '../../src/domain/qr/generate-code';
import { launchBrowser, newPhonePage, screenshot, signInStaffPage } from '../helpers/browser';
import { useServer } from '../helpers/server';
import { demoWorld, type DemoWorld } from '../integration/me-helpers';

const server = useServer();
let browser: Browser;
let w: DemoWorld;
const codes: Record<'grid1' | 'grid3', string> = { grid1: '', grid3: '' };

beforeAll(async () => {
  w = await demoWorld(server.db.database);
  for (const g of ['grid1', 'grid3'] as const) {
    const [row] = await server.db.database.db
      .insert(qrCodes)
      .values({ communityId: w.community.id, placeId: w[g].placeId, purpose: 'report', code: generateCode(), label: `${g} 大堂` })
      .returning();
    codes[g] = row.code;
  }
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('announcements on a phone', () => {
  it('published to one grid, seen on that grid’s scan page only', async () => {
    const staff = await newPhonePage(browser, server.url);
    try {
      await signInStaffPage(staff.page, 'admin');
      await staff.page.goto('/staff');
      await staff.page.getByRole('link', { name: '发布和管理公告' }).click();
      await staff.page.waitForURL(`${server.url}/staff/announcements`);
      await staff.page.getByRole('link', { name: '发布公告' }).first().click();
      await staff.page.getByLabel('标题').fill('明天上午一网格停水');
      await staff.page.getByLabel('内容').fill('因管网维修,12月3日 9:00-12:00 停水,请提前储水。');
      await staff.page.getByLabel('清波小区一网格').check();
      expect(await staff.page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
      await screenshot(staff.page, 'announcement-form');
      await staff.page.getByRole('button', { name: '发布', exact: true }).click();
      await staff.page.waitForURL(/\/staff\/announcements\?ok=published/);
      await expect.poll(() => staff.page.locator('#notice').textContent()).toContain('公告已发布');
      expect(await staff.page.locator('[data-state="live"]').first().textContent()).toContain('清波小区一网格');
      await screenshot(staff.page, 'announcement-list');
      expect(staff.errors).toEqual([]);
    } finally {
      await staff.close();
    }

    const here = await newPhonePage(browser, server.url);
    try {
      await here.page.goto(`/q/${codes.grid1}`);
      const notice = here.page.locator('.announcements').getByText('明天上午一网格停水');
      await expect.poll(() => notice.isVisible()).toBe(true);
      expect(await here.page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
      await screenshot(here.page, 'scan-with-announcement');
      await notice.click();
      await here.page.waitForURL(/\/announcements\/\d+$/);
      expect(await here.page.locator('main').textContent()).toContain('请提前储水');
      expect(here.errors).toEqual([]);
    } finally {
      await here.close();
    }

    const elsewhere = await newPhonePage(browser, server.url);
    try {
      await elsewhere.page.goto(`/q/${codes.grid3}`);
      await elsewhere.page.locator('h1').waitFor();
      expect(await elsewhere.page.locator('main').textContent()).not.toContain('明天上午一网格停水');
      expect(await elsewhere.page.locator('.announcements').count()).toBe(0);
      expect(elsewhere.errors).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });
});
