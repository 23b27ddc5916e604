// e2e at 360×740: the demo admin opens 激励规则, previews a draft (htmx swaps the form), is refused min > max, saves
// version 2 and compares it with version 1 — screenshots of each step, no console errors, nothing wider than the phone.
import { and, eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communities, ruleSets, users } from '../../src/db/schema';
import { seedDemo } from '../../src/db/seed-data/demo';
import { awardPoints } from '../../src/domain/points/award-points';
import { lastMonth } from '../../src/domain/rules/preview-rule-set';
import { launchBrowser, newPhonePage, screenshot } from '../helpers/browser';
import { makeResident } from '../helpers/builders';
import { makeSubmission } from '../helpers/points';
import { useServer } from '../helpers/server';

const server = useServer();
let browser: Browser;

beforeAll(async () => {
  await seedDemo(server.db.database, { residents: 0 });
  const db = server.db.database.db;
  // Two awards last month, so the preview has something to recompute: fire hazard 80 and 30 (default) → Y = 110.
  const [c] = await db.select().from(communities).where(eq(communities.code, '510105017003'));
  const [rs] = await db.select().from(ruleSets).where(and(eq(ruleSets.communityId, c.id), eq(ruleSets.version, 1)));
  const [worker] = await db.select().from(users).where(eq(users.username, 'worker1'));
  const start = lastMonth(new Date(), 'Asia/Shanghai').start.getTime();
  for (const [n, amount] of [[1, 80], [2, undefined]] as const) {
    const author = await makeResident(db);
    const s = await makeSubmission(db, { communityId: c.id, authorUserId: author.id, ruleSetId: rs.id, categoryKey: 'tip.fire_hazard' });
    await awardPoints(db, { communityId: c.id, approverUserId: worker.id, contribution: { kind: 'submission', submissionId: s.id }, amount, now: new Date(start + n * 86_400_000) });
  }
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** What the phone shows right now (not the whole page): the box the admin just scrolled to. */
const viewport = async (page: import('playwright-core').Page, name: string) => {
  const full = await screenshot(page, name);
  await page.screenshot({ path: full.replace(/\.png$/, '-viewport.png') });
};

const fits = async (page: import('playwright-core').Page, what: string) =>
  expect(await page.evaluate('document.documentElement.scrollWidth'), what).toBeLessThanOrEqual(360);

describe('admin edits the incentive rules', () => {
  it('previews, is refused, saves version 2 and compares', async () => {
    const { page, errors, close } = await newPhonePage(browser, server.url);
    await page.goto('/staff/login');
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('anlin-demo-2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/staff$/);

    await page.goto('/admin');
    await page.locator('[data-community="510105017003"]').getByRole('link', { name: '激励规则' }).click();
    await page.waitForURL(/\/admin\/rules\?community=\d+$/);
    expect(await page.locator('main').textContent()).toContain('正在使用');
    await screenshot(page, 'rules-list');
    await fits(page, 'list');

    await page.getByRole('link', { name: /第 1 版/ }).click();
    await page.waitForURL(/\/admin\/rules\/1\?/);
    await screenshot(page, 'rules-view');
    await page.getByRole('link', { name: '以此版本为底稿修改' }).waitFor();
    await fits(page, 'view');

    await page.getByRole('link', { name: '以此版本为底稿修改' }).click();
    await page.waitForURL(/\/admin\/rules\/new\?/);
    const fire = page.locator('fieldset[data-category="tip.fire_hazard"]');
    await fire.getByLabel('最高分').fill('50');
    await fire.getByLabel('默认分').fill('40');
    await page.getByRole('button', { name: '预览' }).click();
    // htmx swaps the form in place (no navigation): the URL stays, the box appears with the recomputed figures.
    await page.locator('#rules-preview').waitFor();
    expect(page.url()).toMatch(/\/admin\/rules\/new\?community=\d+&from=1$/);
    expect(await page.locator('#rules-preview').textContent()).toContain('按此版本,上月将发放 90 分(实际发放 110 分),共 2 笔');
    expect(await fire.getByLabel('最高分').inputValue()).toBe('50');
    await page.locator('#rules-preview').scrollIntoViewIfNeeded();
    await viewport(page, 'rules-preview');
    await fits(page, 'preview');

    await fire.getByLabel('最低分').fill('60');
    await page.getByRole('button', { name: '保存为新版本' }).click();
    await expect.poll(() => fire.locator('.error').first().textContent()).toContain('最低分(60)不能高于最高分(50)。');
    expect(await fire.getByLabel('最低分').inputValue()).toBe('60');
    await fire.scrollIntoViewIfNeeded();
    await viewport(page, 'rules-error');

    await fire.getByLabel('最低分').fill('10');
    await page.getByRole('button', { name: '保存为新版本' }).click();
    await page.waitForURL(/saved=2/);
    expect(await page.locator('#notice').textContent()).toContain('已保存第 2 版');
    await screenshot(page, 'rules-saved');

    await page.getByRole('button', { name: '比较' }).click();
    await page.waitForURL(/\/admin\/rules\/compare\?/);
    const main = await page.locator('main').textContent();
    expect(main).toContain('第 1 版与第 2 版的差别');
    expect(main).toContain('消防隐患(飞线充电、楼道堆物、电瓶车进楼):最高分');
    await screenshot(page, 'rules-compare');
    await fits(page, 'compare');
    expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
    await close();
  });
});
