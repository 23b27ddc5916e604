// e2e browser helpers: the system Chromium via playwright-core, a phone-sized zh-CN page that records errors, screenshots.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const SCREENS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screens');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    // playwright-core ships no browser: use the distribution's Chromium (apt package "chromium").
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    // Root in a container needs --no-sandbox; the rest keep Chromium from phoning home and slowing tests.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface PhonePage {
  context: BrowserContext;
  page: Page;
  /** Console errors (CSP violations show up here) and uncaught page errors, in order. Tests assert it stays empty. */
  errors: string[];
  close(): Promise<void>;
}

/** A fresh context per call, so cookies/sessions never leak between tests. */
export async function newPhonePage(browser: Browser, baseURL: string): Promise<PhonePage> {
  const context = await browser.newContext({
    baseURL,
    // A small Android phone: the narrowest layout the design targets.
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return { context, page, errors, close: () => context.close() };
}

/** Saves test-results/screens/<name>.png (full page) for humans reviewing a run; returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENS_DIR, { recursive: true });
  const file = path.join(SCREENS_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Signs a demo staff member in through the real form and waits for the workbench (/staff). */
export async function signInStaffPage(page: Page, username: string, password = 'anlin-demo-2026'): Promise<void> {
  await page.goto('/staff/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/staff$/);
}

/** Signs a resident in through the real code form (demo mode shows the code on the page) and waits for `next`. */
export async function signInResidentPage(page: Page, phone: string, next = '/'): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('手机号').fill(phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  const demo = page.locator('[data-demo-code]');
  await demo.waitFor();
  await page.getByLabel('验证码').fill((await demo.getAttribute('data-demo-code'))!);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((url) => url.pathname + url.search === next);
}
