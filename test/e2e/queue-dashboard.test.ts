// The BullMQ dashboard as an admin opens it in Chromium: no request leaves the site (bull-board asks Google for fonts),
// every button has a name (its icon-only buttons had none), and its own "/admin/queues/" link lands on the dashboard.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/cli/seed-data/demo';
import { launchBrowser, newPhonePage, signInStaffPage } from '../helpers/browser';
import { useServer } from '../helpers/server';

const server = useServer();
let browser: Browser;
beforeAll(async () => {
  await seedDemo(server.db.database, { residents: 0 });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('queue dashboard', () => {
  it('loads without third-party requests, names its buttons, and follows its own trailing-slash link', async () => {
    const { page, errors, close } = await newPhonePage(browser, server.url);
    const offSite: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) offSite.push(r.url());
    });
    try {
      await signInStaffPage(page, 'admin');
      await page.setViewportSize({ width: 1280, height: 800 });
      const res = await page.goto(`${server.url}/admin/queues/`);
      expect(res?.status()).toBe(200);
      expect(new URL(page.url()).pathname).toBe('/admin/queues');
      // The queue card appears once the React app has fetched the queues from the API.
      await expect.poll(() => page.getByText('main', { exact: true }).count()).toBeGreaterThan(0);
      // A string, so the test compiles without the DOM library; it runs in the page.
      const unnamed = (await page.evaluate(`[...document.querySelectorAll('button, [role=button]')]
        .filter((b) => !(b.getAttribute('aria-label') || b.textContent.trim() || b.getAttribute('title')))
        .map((b) => b.outerHTML.slice(0, 120))`)) as string[];
      expect(unnamed).toEqual([]);
      expect(await page.locator('button[aria-label="设置"]').count()).toBe(1);
      expect(await page.title()).toContain('安邻');
      expect(offSite).toEqual([]);
      expect(errors.filter((e) => /Content Security Policy|fonts\.googleapis/.test(e))).toEqual([]);
    } finally {
      await close();
    }
  });

  it('is for community admins only', async () => {
    const anon = await fetch(`${server.url}/admin/queues`, { redirect: 'manual' });
    expect([302, 303, 401, 404]).toContain(anon.status);
    const { page, close } = await newPhonePage(browser, server.url);
    try {
      await signInStaffPage(page, 'worker1');
      const res = await page.goto(`${server.url}/admin/queues`);
      expect([403, 404]).toContain(res?.status());
    } finally {
      await close();
    }
  });
});
