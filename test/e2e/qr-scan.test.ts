// An admin disables one demo code and replaces another in the browser; a resident's phone then sees "已停用" for the first,
// and for the second "已更换" with a link that lands on the new code — whose downloaded poster decodes to that page.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { and, eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qrCodes } from '../../src/db/schema';
import { seedDemo, DEMO_STAFF_PASSWORD } from '../../src/cli/seed-data/demo';
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

const byKey = async (key: string) => (await server.db.database.db.select().from(qrCodes).where(and(eq(qrCodes.key, key))))[0];

describe('disabled and replaced codes', () => {
  it('admin disables and replaces; the phone sees 已停用, then 已更换 → the new code', async () => {
    const cp3 = await byKey('cp3');
    const lobby = await byKey('cy2-b1-lobby');

    const admin = await newPhonePage(browser, server.url);
    await signInStaffPage(admin.page, 'admin', DEMO_STAFF_PASSWORD);

    // The list, filtered to checkpoints, without JavaScript-only controls.
    await admin.page.goto('/admin/qr');
    await admin.page.getByLabel('用途').selectOption('patrol_checkpoint');
    await admin.page.getByRole('button', { name: '筛选' }).click();
    await expect.poll(() => admin.page.locator('#qr-list > li').count()).toBe(8);
    await screenshot(admin.page, 'qr-admin-list');

    // Disable cp3 through its confirmation page.
    await admin.page.locator(`#qr-${cp3.id}`).getByRole('link', { name: '停用' }).click();
    await admin.page.getByRole('button', { name: '停用' }).click();
    await expect.poll(() => admin.page.locator('#notice').textContent()).toContain(`已停用二维码 ${cp3.code}`);

    // Replace the lobby code.
    await admin.page.goto(`/admin/qr/${lobby.id}/replace`);
    await admin.page.getByRole('button', { name: '更换' }).click();
    await expect.poll(() => admin.page.locator('#notice').textContent()).toContain(`已将 ${lobby.code} 更换为`);
    await screenshot(admin.page, 'qr-admin-replaced');
    const next = await byKey('cy2-b1-lobby');
    expect(next.code).not.toBe(lobby.code);

    // The new poster, downloaded as the admin would, decodes to the new code's page.
    const png = await admin.page.request.get(`/admin/qr/${next.id}/poster.png`);
    expect(png.status()).toBe(200);
    const dir = await mkdtemp(path.join(tmpdir(), 'anlin-qr-'));
    try {
      await writeFile(path.join(dir, 'p.png'), await png.body());
      const { stdout } = await promisify(execFile)('zbarimg', ['--raw', '-q', path.join(dir, 'p.png')]);
      expect(stdout.trim()).toBe(`${server.url}/q/${next.code}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(admin.errors).toEqual([]);
    await admin.close();

    const phone = await newPhonePage(browser, server.url);
    const off = await phone.page.goto(`/q/${cp3.code}`);
    expect(off?.status()).toBe(404);
    await expect.poll(() => phone.page.locator('h1').textContent()).toBe('此二维码已停用');
    await screenshot(phone.page, 'qr-scan-disabled');
    await phone.page.getByRole('link', { name: '回到首页' }).click();
    await phone.page.waitForURL(`${server.url}/`);

    await phone.page.goto(`/q/${lobby.code}`);
    await expect.poll(() => phone.page.locator('h1').textContent()).toBe('此二维码已更换');
    await screenshot(phone.page, 'qr-scan-replaced');
    await phone.page.getByRole('link', { name: '打开新的二维码页面' }).click();
    await phone.page.waitForURL(`${server.url}/q/${next.code}`);
    expect(await phone.page.locator('h1').textContent()).toBe('清源东苑1栋大堂 民情收集点');

    // A typed code (lower case, with spaces) works too; junk gets the Chinese 404 with the form.
    await phone.page.goto('/q');
    await phone.page.getByLabel('二维码编号').fill(`${next.code.slice(0, 4).toLowerCase()} ${next.code.slice(4)}`);
    await phone.page.getByRole('button', { name: '打开' }).click();
    await phone.page.waitForURL(`${server.url}/q/${next.code}`);
    const junk = await phone.page.goto('/q/..%2F..%2Fetc%2Fpasswd');
    expect(junk?.status()).toBe(404);
    await expect.poll(() => phone.page.locator('h1').textContent()).toBe('找不到这个二维码');
    await screenshot(phone.page, 'qr-scan-unknown');
    // Only the deliberate 404s may show up as console errors.
    expect(phone.errors.filter((e) => !e.includes('status of 404'))).toEqual([]);
    await phone.close();
  }, 120_000);
});
