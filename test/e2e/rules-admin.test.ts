// e2e at 360×740: the demo admin opens 激励规则, previews a draft (htmx swaps the form), is refused min > max, saves
// version 2 and compares it with version 1 — screenshots of each step, no console errors, nothing wider than the phone.
import { and, eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communities, ruleSets, users } from '../../src/db/schema';
import { seedDemo } from '../../src/cli/seed-data/demo';
import { awardPoints } from '../../src/domain/points/award-points';
import { lastMonth } from '../../src/domain/rules/preview-rule-set';
import { launchBrowser, newPhonePage, screenshot, signInStaffPage } from '../helpers/browser';
import { makeResident } from '../helpers/builders';
import { makeSubmission } from '../helpers/points';
import { qrByKey } from '../helpers/report';
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
const viewport = async (page: import('playwright-core').Page, name: string, at?: import('playwright-core').Locator) => {
  // The phone's view first (a full-page shot may move the scroll position), the element centred below the sticky header.
  if (at) await at.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const full = (await screenshot(page, name)).replace(/\.png$/, '-viewport.png');
  if (at) await at.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: full });
};

const fits = async (page: import('playwright-core').Page, what: string) =>
  expect(await page.evaluate('document.documentElement.scrollWidth'), what).toBeLessThanOrEqual(360);

describe('admin edits the incentive rules', () => {
  it('previews, is refused, saves version 2 and compares', async () => {
    const { page, errors, close } = await newPhonePage(browser, server.url);
    await signInStaffPage(page, 'admin');

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
    // Enter in a field previews (the form's hidden first button), never adds a row or saves.
    await fire.getByLabel('默认分').press('Enter');
    // htmx swaps the form in place (no navigation): the URL stays, the box appears with the recomputed figures.
    await page.locator('#rules-preview').waitFor();
    expect(page.url()).toMatch(/\/admin\/rules\/new\?community=\d+&from=1$/);
    expect(await page.locator('#rules-preview').textContent()).toContain('按此版本,上月将发放 90 分(实际发放 110 分),共 2 笔');
    expect(await fire.getByLabel('最高分').inputValue()).toBe('50');
    await viewport(page, 'rules-preview', page.locator('#rules-preview'));
    await fits(page, 'preview');

    await fire.getByLabel('最低分').fill('60');
    await page.getByRole('button', { name: '保存为新版本' }).click();
    await expect.poll(() => fire.locator('.error').first().textContent()).toContain('最低分(60)不能高于最高分(50)。');
    expect(await fire.getByLabel('最低分').inputValue()).toBe('60');
    await viewport(page, 'rules-error', fire.locator('.error').first());

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

  it('edits a hint, adds two categories with 再添加一个类别, saves, and residents see them', async () => {
    const { page, errors, close } = await newPhonePage(browser, server.url);
    await signInStaffPage(page, 'admin');
    const [c] = await server.db.database.db.select().from(communities).where(eq(communities.code, '510105017003'));
    await page.goto(`/admin/rules/new?community=${c.id}`);

    const fire = page.locator('fieldset[data-category="tip.fire_hazard"]');
    await fire.getByLabel('提示语(可不填)').fill('电动车进楼道、飞线充电、堵塞消防通道');
    await viewport(page, 'rules-hint', fire.getByLabel('提示语(可不填)'));
    const first = page.locator('#rules-new-0');
    await first.getByLabel('类型').selectOption('tip');
    await first.getByLabel('英文代码').fill('noise');
    await first.getByLabel('名称').fill('噪音扰民');
    await first.getByLabel('提示语(可不填)').fill('夜间施工、广场舞音响过大');
    await first.getByLabel('最低分').fill('5');
    await first.getByLabel('默认分').fill('10');
    await first.getByLabel('最高分').fill('30');
    await page.getByRole('button', { name: '再添加一个类别' }).click();
    // htmx swaps the form: a second empty row, the first row and the edited hint kept, no navigation.
    const second = page.locator('#rules-new-1');
    await second.waitFor();
    expect(page.url()).toMatch(/\/admin\/rules\/new\?community=\d+$/);
    expect(await first.getByLabel('名称').inputValue()).toBe('噪音扰民');
    expect(await fire.getByLabel('提示语(可不填)').inputValue()).toBe('电动车进楼道、飞线充电、堵塞消防通道');
    await second.getByLabel('类型').selectOption('wish');
    await second.getByLabel('英文代码').fill('pets');
    await second.getByLabel('名称').fill('文明养宠');
    await second.getByLabel('最低分').fill('0');
    await second.getByLabel('默认分').fill('5');
    await second.getByLabel('最高分').fill('20');
    await viewport(page, 'rules-new-rows', second.getByLabel('名称'));
    await fits(page, 'new rows');

    await page.getByRole('button', { name: '保存为新版本' }).click();
    await page.waitForURL(/saved=\d+/);
    expect(await page.locator('#notice').textContent()).toContain('已保存');

    await page.goto(`/report/new?qr=${(await qrByKey(server.db.database.db, 'cy1-b1-lobby')).code}&kind=tip`);
    const noise = page.locator('label.choice', { has: page.locator('input[value="tip.noise"]') });
    expect(await noise.textContent()).toContain('夜间施工、广场舞音响过大');
    const fireChoice = page.locator('label.choice', { has: page.locator('input[value="tip.fire_hazard"]') });
    expect(await fireChoice.textContent()).toContain('电动车进楼道、飞线充电、堵塞消防通道');
    await viewport(page, 'rules-report-form', noise);
    await fits(page, 'report form');
    expect(errors).toEqual([]);
    await close();
  });
});
