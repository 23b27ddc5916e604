// Smoke e2e on a phone-sized Chromium against the real server: a resident signs in with a one-time code;
// a grid worker signs in and sees only their own grids.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/cli/seed-data/demo';
import { launchBrowser, newPhonePage, screenshot, signInStaffPage } from '../helpers/browser';
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

describe('smoke', () => {
  it('a resident signs in with a one-time code', async () => {
    const { page, errors, close } = await newPhonePage(browser, server.url);
    await page.goto('/');
    await screenshot(page, 'home');
    await page.getByRole('link', { name: '登录' }).first().click();
    await page.getByLabel('手机号').fill('138 0013 8000');
    await page.getByRole('button', { name: '获取验证码' }).click();
    const demo = page.locator('[data-demo-code]');
    await demo.waitFor();
    const code = await demo.getAttribute('data-demo-code');
    expect(code).toMatch(/^\d{6}$/);
    await screenshot(page, 'login-code');

    // A wrong code first: the message is in Chinese and the form stays.
    await page.getByLabel('验证码').fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect.poll(() => page.locator('.error').textContent()).toContain('验证码不正确');

    await page.getByLabel('验证码').fill(code!);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL(`${server.url}/`);
    await expect.poll(() => page.locator('main').textContent()).toContain('138****8000');
    await screenshot(page, 'home-signed-in');
    // The deliberate wrong code is logged by Chromium as a 422 resource; nothing else (no CSP or script errors) may be.
    expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
    await close();
  });

  it('a grid worker signs in and sees only their grids', async () => {
    const { page, errors, close } = await newPhonePage(browser, server.url);
    await signInStaffPage(page, 'worker1');
    const codes = await page.locator('[data-grid-code]').evaluateAll((els) => els.map((e) => e.getAttribute('data-grid-code')));
    expect(codes).toEqual(['510105017003001', '510105017003002']);
    await screenshot(page, 'staff-home');

    // Another worker's grid reads as not found.
    const res = await page.goto('/staff/grids/3');
    expect(res?.status()).toBe(404);
    await expect.poll(() => page.locator('main').textContent()).toContain('找不到');
    expect(errors.filter((e) => !e.includes('status of 404'))).toEqual([]);
    await close();
  });
});
