// e2e: the monthly report renders in Chromium at 360×740 (charts and tables fit, no console errors) and prints:
// page.pdf() in print media gives an A4 PDF with the community's name and month, without the navigation.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthOf } from '../../src/domain/reports/months';
import { refreshRollups } from '../../src/domain/reports/refresh-rollups';
import { launchBrowser, newPhonePage, screenshot, signInStaffPage } from '../helpers/browser';
import { useServer } from '../helpers/server';
import { demoWorld, insertItem, resident, type DemoWorld } from '../integration/me-helpers';

const server = useServer();
let browser: Browser;
let w: DemoWorld;

beforeAll(async () => {
  w = await demoWorld(server.db.database);
  const db = server.db.database.db;
  const author = await resident(db, '周桂芳');
  for (const status of ['resolved', 'in_progress', 'accepted'] as const) await insertItem(db, w, { authorUserId: author.id, status });
  await refreshRollups(db, { timeZone: 'Asia/Shanghai', communityId: w.community.id });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('monthly report', () => {
  it('renders on a phone and prints to an A4 PDF', async () => {
    const { page, errors, close } = await newPhonePage(browser, server.url);
    try {
      await signInStaffPage(page, 'admin');
      await page.goto('/staff');
      await page.getByRole('link', { name: '月度报表' }).click();
      await page.waitForURL(/\/staff\/reports/);
      // The page opens on the last full month; this test's items are this month's.
      const month = monthOf(new Date(), 'Asia/Shanghai');
      await page.getByLabel('月份').selectOption(month);
      await page.getByRole('button', { name: '查看' }).click();
      await page.waitForURL(new RegExp(`month=${month}`));
      await expect.poll(() => page.locator('h1').textContent()).toContain(`${w.community.name} ${month} 月度报表`);
      expect(await page.locator('[data-kpi="items"] dd').first().textContent()).toBe('3');
      expect(await page.locator('svg[role="img"]').count()).toBe(2);
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
      await screenshot(page, 'report-monthly-360');
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('body > header').isVisible()).toBe(false);
      expect(await page.locator('.report-pick').isVisible()).toBe(false);
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      const text = pdf.toString('latin1');
      expect(text.startsWith('%PDF-')).toBe(true);
      // A4 is 595.28 × 841.89 pt; Chromium writes the MediaBox rounded.
      const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(text);
      expect(box).not.toBeNull();
      expect(Math.round(Number(box![1]))).toBe(595);
      expect(Math.round(Number(box![2]))).toBe(842);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
