// e2e at 360×740: the demo admin imports a small places CSV through the UI — preview with a row error, fix, preview, confirm, result.
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

const header = '地点编号,名称,类型,上级编号,网格编码,楼层,单元数';
const good = [header, 'e2e-cy,银杏院,院落,,,,', 'e2e-b1,1栋,楼栋,e2e-cy,510105017003001,6,2', 'e2e-b1-u1,1单元,单元,e2e-b1,510105017003001,,', 'e2e-cp,银杏院东门,巡逻点,e2e-cy,,,'].join('\r\n');
const bad = good.replace('e2e-b1-u1,1单元,单元,e2e-b1', 'e2e-b1-u1,1单元,单元,e2e-nope');

describe('admin imports places from CSV', () => {
  it('previews, shows a row error, then imports the fixed file', async () => {
    const { page, errors, close } = await newPhonePage(browser, server.url);
    await signInStaffPage(page, 'admin');

    await page.goto('/admin');
    await screenshot(page, 'admin-home');
    await page.locator('[data-community="510105017003"]').getByRole('link', { name: '导入与导出' }).click();
    await page.waitForURL(/\/import$/);
    await screenshot(page, 'admin-import');

    const section = page.locator('#import-places');
    await section.getByLabel('CSV 文件').setInputFiles({ name: '地点.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'utf8') });
    await section.getByRole('button', { name: '上传并预览' }).click();
    await page.locator('#import-preview').waitFor();
    const preview = await page.locator('main').textContent();
    expect(preview).toContain('第 4 行');
    expect(preview).toContain('找不到这个上级编号');
    expect(await page.getByRole('button', { name: /确认导入/ }).count()).toBe(0);
    await screenshot(page, 'admin-import-preview-error');

    await page.getByRole('link', { name: '重新上传' }).click();
    await page.locator('#import-places').getByLabel('CSV 文件').setInputFiles({ name: '地点.csv', mimeType: 'text/csv', buffer: Buffer.from('\uFEFF' + good, 'utf8') });
    await page.locator('#import-places').getByRole('button', { name: '上传并预览' }).click();
    await page.locator('#import-preview').waitFor();
    expect(await page.locator('main').textContent()).toContain('全部 4 行检查通过');
    await screenshot(page, 'admin-import-preview');

    await page.getByRole('button', { name: '确认导入 4 行' }).click();
    await page.locator('#import-result').waitFor();
    expect(await page.locator('#import-result').textContent()).toContain('已导入 4 行地点');
    await screenshot(page, 'admin-import-result');

    await page.getByRole('link', { name: '查看地点' }).click();
    await page.getByRole('link', { name: '银杏院' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('1栋');
    await screenshot(page, 'admin-places-tree');

    // Nothing overflows the 360 px viewport sideways.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    // The deliberate bad file is answered with 422; nothing else (CSP, scripts) may log an error.
    expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
    await close();
  });

  it('every admin structure page fits 360 px and works without errors', async () => {
    const { page, errors, close } = await newPhonePage(browser, server.url);
    await signInStaffPage(page, 'admin');
    await page.goto('/admin');
    const home = await page.locator('[data-community="510105017003"]').getByRole('link', { name: '网格' }).getAttribute('href');
    const cid = /\/admin\/c\/(\d+)\//.exec(home!)![1];
    for (const [name, path] of [
      ['admin-grids', `/admin/c/${cid}/grids`],
      ['admin-grid-new', `/admin/c/${cid}/grids/new`],
      ['admin-places', `/admin/c/${cid}/places`],
      ['admin-staff', `/admin/c/${cid}/staff`],
      ['admin-community', `/admin/c/${cid}`],
    ]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      await screenshot(page, name);
      expect(await page.evaluate('document.documentElement.scrollWidth'), path).toBeLessThanOrEqual(360);
    }
    // htmx filter: only the list is swapped, the URL follows.
    await page.goto(`/admin/c/${cid}/grids`);
    await page.getByPlaceholder('名称或编码').fill('商圈');
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL(/q=/);
    await expect.poll(() => page.locator('#grid-list li').count()).toBe(1);
    await page.locator('#grid-list a').first().click();
    await page.waitForURL(/\/admin\/grids\/\d+$/);
    await page.getByLabel('户数').fill('abc');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.locator('.error').first().textContent()).toContain('请填写整数');
    await screenshot(page, 'admin-grid-error');
    await page.goto(`/admin/c/${cid}/staff`);
    await page.getByRole('link', { name: /worker1/ }).click();
    await screenshot(page, 'admin-staff-detail');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
    await close();
  });
});
