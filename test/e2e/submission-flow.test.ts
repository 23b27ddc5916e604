// A resident's phone (360×740): scan a 民情收集 poster, fill a tip with a GPS-tagged photo, sign in with a one-time code
// mid-form without losing anything, get the receipt, and find the item in 我的诉求. The stored photo carries no GPS.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submissionPhotos, submissions } from '../../src/db/schema';
import { seedDemo } from '../../src/cli/seed-data/demo';
import { BAD_INPUTS_DIR, badInputFile } from '../helpers/bad-inputs';
import { launchBrowser, newPhonePage, screenshot } from '../helpers/browser';
import { qrByKey } from '../helpers/report';
import { useServer } from '../helpers/server';

const dataDir = await mkdtemp(path.join(tmpdir(), 'anlin-e2e-report-'));
const server = useServer({ env: { DATA_DIR: dataDir } });
let browser: Browser;

beforeAll(async () => {
  await seedDemo(server.db.database, { residents: 0 });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const GPS_PHOTO = path.join(BAD_INPUTS_DIR, 'photo-with-gps.jpg');
const DESCRIPTION = '2单元一楼楼道有人飞线给电瓶车充电,插线板就放在纸箱上,晚上一直没人管。';

describe('tip from a QR code with inline sign-in', () => {
  it('keeps text and photo through sign-in, shows the receipt, and lists the item in 我的诉求', async () => {
    // The fixture really carries GPS, so "no GPS" below means the pipeline removed it.
    expect((await sharp(badInputFile('photo-with-gps.jpg')).metadata()).exif).toBeDefined();
    const db = server.db.database.db;
    const lobby = await qrByKey(db, 'cy1-b2-lobby');
    const phone = await newPhonePage(browser, server.url);
    const { page } = phone;
    await phone.context.grantPermissions(['geolocation'], { origin: server.url });
    await phone.context.setGeolocation({ latitude: 30.6571, longitude: 104.0205 });

    await page.goto(`/q/${lobby.code}`);
    await screenshot(page, 'scan-landing');
    await page.getByRole('link', { name: /提交线索/ }).click();
    await page.waitForURL(/\/report\/new\?/);
    await expect.poll(() => page.locator('h1 .only-tip').isVisible()).toBe(true);
    // Only the tip categories show for a tip; the wish ones appear when 心愿 is chosen (CSS, no reload).
    expect(await page.getByText('养老助残').isVisible()).toBe(false);
    await page.getByText('心愿', { exact: true }).click();
    expect(await page.getByText('养老助残').isVisible()).toBe(true);
    await page.getByText('线索', { exact: true }).click();
    await screenshot(page, 'report-form');

    await page.getByText('消防隐患(飞线充电、楼道堆物、电瓶车进楼)').click();
    await page.getByLabel('情况描述', { exact: true }).fill(DESCRIPTION);
    await page.locator('#f-photos').setInputFiles(GPS_PHOTO);
    await page.getByRole('button', { name: '添加我现在的位置' }).click();
    await expect.poll(() => page.locator('.location-status').textContent()).toContain('已添加位置');
    await page.getByLabel('手机号', { exact: true }).fill('138 0013 8123');
    await page.getByRole('button', { name: '获取验证码' }).click();

    // Same page, now asking for the code: everything typed is still there, the photo is kept as a draft with its thumbnail.
    await expect.poll(() => page.locator('#signin').textContent()).toContain('验证码已发送至');
    expect(await page.getByLabel('情况描述', { exact: true }).inputValue()).toBe(DESCRIPTION);
    expect(await page.locator('input[name=category]:checked').getAttribute('value')).toBe('tip.fire_hazard');
    expect(await page.locator('input[name=lat]').inputValue()).toBe('30.657100');
    await expect.poll(() => page.locator('.thumbs img').evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).complete && (img as unknown as { naturalWidth: number }).naturalWidth > 0)).toBe(true);
    await screenshot(page, 'report-inline-sign-in');
    const code = await page.locator('[data-demo-code]').getAttribute('data-demo-code');
    await page.getByLabel('验证码', { exact: true }).fill(code!);
    await page.getByRole('button', { name: '登录并提交' }).click();

    await page.waitForURL(/\/report\/done\/QY-\d{4}-\d{6}$/);
    const trackingNo = (await page.locator('[data-tracking-no]').getAttribute('data-tracking-no'))!;
    expect(await page.locator('h1').textContent()).toBe('已收到您的线索');
    expect(await page.locator('.due').textContent()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日.*\d{2}:\d{2} 前/);
    await screenshot(page, 'report-receipt');

    const [row] = await db.select().from(submissions).where(eq(submissions.trackingNo, trackingNo));
    expect(row).toMatchObject({ kind: 'tip', categoryKey: 'tip.fire_hazard', description: DESCRIPTION, placeId: lobby.placeId, latitude: 30.6571, longitude: 104.0205 });
    const [photo] = await db.select().from(submissionPhotos).where(eq(submissionPhotos.submissionId, row.id));
    expect(photo).toBeTruthy();

    // The stored photo, fetched as its author: re-encoded, no EXIF at all (so no GPS).
    const stored = await page.request.get(`/photos/${photo.id}`);
    expect(stored.status()).toBe(200);
    const meta = await sharp(await stored.body()).metadata();
    expect(meta.exif).toBeUndefined();
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeLessThanOrEqual(1600);

    await page.getByRole('link', { name: '我的诉求' }).click();
    await page.waitForURL(`${server.url}/me/submissions`);
    await expect.poll(() => page.locator('main').textContent()).toContain(trackingNo);
    await screenshot(page, 'report-my-submissions');
    expect(phone.errors).toEqual([]);
    await phone.close();
  }, 120_000);

  it('refuses a fifth photo in the browser before anything is uploaded', async () => {
    const lobby = await qrByKey(server.db.database.db, 'cy1-b3-lobby');
    const phone = await newPhonePage(browser, server.url);
    const { page } = phone;
    await page.goto(`/report/new?qr=${lobby.code}&kind=wish`);
    const png = { name: 'p.png', mimeType: 'image/png', buffer: badInputFile('ok-small.png') };
    await page.locator('#f-photos').setInputFiles([1, 2, 3, 4, 5].map((i) => ({ ...png, name: `p${i}.png` })));
    await expect.poll(() => page.locator('#f-photos-client').textContent()).toContain('最多只能添加 4 张照片,您选了 5 张');
    let posted = false;
    page.on('request', (req) => void (req.method() === 'POST' && (posted = true)));
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.waitForTimeout(500);
    expect(posted).toBe(false);
    await screenshot(page, 'report-five-photos');
    expect(phone.errors).toEqual([]);
    await phone.close();
  });
});
