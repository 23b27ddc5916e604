// e2e at 360×740: organiser 赵 sets up a team with a route and a recurring 22:00–02:00 shift through the forms (an end
// before the start without "ends next day" is refused beside the field), approves a join request, reviews a flagged
// check-in, and reads the month's report with its heat map. Screens go to test-results/screens/.
import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIns, places, shiftSignups, shiftTemplates, shifts, teamMembers, teams } from '../../src/db/schema';
import { launchBrowser, newPhonePage, screenshot as fullScreenshot, signInStaffPage } from '../helpers/browser';
import { useServer } from '../helpers/server';
import { demoWorld, resident, type DemoWorld } from '../integration/me-helpers';

const server = useServer();
let browser: Browser;
let w: DemoWorld;
const db = () => server.db.database.db;

beforeAll(async () => {
  w = await demoWorld(server.db.database);
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

async function screenshot(page: Page, name: string) {
  await page.evaluate('window.scrollTo(0, 0)');
  return fullScreenshot(page, name);
}

describe('organiser sets up a patrol', () => {
  it('team → join approval → recurring shift with a route; flag review; month report with heat map', async () => {
    const { page, errors, close } = await newPhonePage(browser, server.url);
    await signInStaffPage(page, 'organiser.zhao');
    await page.getByRole('link', { name: '进入巡逻与志愿活动' }).click();
    await page.getByText('新建队伍').click();
    await page.getByLabel('队伍名称').fill('物业联巡队');
    await page.getByLabel('只记服务时长,不记积分(如物业联巡)').check();
    await page.getByRole('button', { name: '创建队伍' }).click();
    await page.waitForURL(/\/organiser\/teams\/\d+\?done=team/);
    const teamId = Number(/teams\/(\d+)/.exec(page.url())![1]);

    const guard = await resident(db(), '周保安');
    await db().insert(teamMembers).values({ teamId, userId: guard.id, status: 'pending' });
    await page.reload();
    await page.locator(`[data-request="${guard.id}"]`).getByRole('button', { name: '同意', exact: true }).click();
    await page.waitForURL(/done=approved/);
    await expect.poll(() => page.locator(`[data-member="${guard.id}"]`).count()).toBe(1);

    await page.getByLabel('班次名称').fill('物业联巡(夜间)');
    await page.getByLabel('开始时间').fill('22:00');
    await page.getByLabel('结束时间').fill('02:00');
    const cps = await db().select().from(places).where(and(eq(places.communityId, w.community.id), eq(places.kind, 'checkpoint'))).orderBy(places.key);
    for (const [i, key] of ['cp1', 'cp2', 'cp5', 'cp8'].entries()) {
      await page.getByLabel(cps.find((p) => p.key === key)!.name, { exact: true }).fill(String(i + 1));
    }
    await page.getByRole('button', { name: '保存并生成班次' }).click();
    await expect.poll(() => page.locator('#f-endTime-err, .field.has-error').first().textContent()).toContain('次日结束');
    await screenshot(page, 'organiser-template-refused');
    await page.getByLabel('次日结束(例如 22:00 到次日 02:00)').check();
    await page.getByRole('button', { name: '保存并生成班次' }).click();
    await page.waitForURL(/done=template/);
    const [tpl] = await db().select().from(shiftTemplates).where(eq(shiftTemplates.teamId, teamId));
    expect(tpl).toMatchObject({ startTime: '22:00', endTime: '02:00', crossesMidnight: true, minCheckpoints: 4 });
    expect((await db().select().from(shifts).where(eq(shifts.templateId, tpl.id))).length).toBeGreaterThanOrEqual(13);
    await screenshot(page, 'organiser-team');

    // A past night with a flagged check-in (no location at a located checkpoint is flagged the same way).
    const [past] = await db().insert(shifts).values({
      communityId: w.community.id, kind: 'patrol', templateId: tpl.id, teamId, title: '物业联巡(夜间)', startsAt: new Date(Date.now() - 30 * 3_600_000),
      endsAt: new Date(Date.now() - 26 * 3_600_000), capacity: 2, leaderSecret: 'x'.repeat(32), status: 'closed',
    }).returning();
    const [su] = await db().insert(shiftSignups).values({ shiftId: past.id, userId: guard.id, status: 'confirmed', checkedInAt: past.startsAt, creditStatus: 'flagged', creditMinutes: 200, flags: ['far'] }).returning();
    await db().insert(checkIns).values({ signupId: su.id, shiftId: past.id, placeId: cps[0].id, at: new Date(past.startsAt.getTime() + 600_000), flags: ['far'] });
    await page.goto('/organiser/flags');
    await expect.poll(() => page.locator(`[data-flag="${su.id}"]`).textContent()).toContain('离巡逻点太远');
    await screenshot(page, 'organiser-flags');
    await page.locator(`[data-flag="${su.id}"]`).getByRole('button', { name: '确认计入' }).click();
    await page.waitForURL(/done=accepted/);
    const [after] = await db().select().from(shiftSignups).where(eq(shiftSignups.id, su.id));
    expect(after.creditStatus).toBe('hours_only');

    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(past.startsAt).slice(0, 7);
    await page.goto(`/organiser/reports?month=${month}`);
    await expect.poll(() => page.locator('#heat-table').textContent()).toContain(cps[0].name);
    expect(await page.locator('svg.heat rect').count()).toBeGreaterThan(0);
    await screenshot(page, 'organiser-report');
    const [team] = await db().select().from(teams).where(eq(teams.id, teamId));
    expect(team.earnsPoints).toBe(false);
    // The deliberately refused template is answered with 422; nothing else (CSP, scripts) may log an error.
    expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
    expect(errors).toHaveLength(1);
    await close();
  });
});
