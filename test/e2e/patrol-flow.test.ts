// e2e at 360×740 with an injected server clock (TEST_CLOCK file): a resident signs up for tonight's patrol, checks in
// at two checkpoints by opening their poster URLs, checks out and sees the points explained; organiser 赵 sees them on
// the live board; a volunteer checks in to an activity from its 活动签到 poster. Screens go to test-results/screens/.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { places, pointTransfers, shiftSignups, shifts, teamMembers, teams, users } from '../../src/db/schema';
import { createActivity } from '../../src/domain/patrols/create-activity';
import { createTemplate } from '../../src/domain/patrols/save-template';
import { loadStaffScope } from '../../src/domain/auth/staff-scope';
import { launchBrowser, newPhonePage, screenshot as fullScreenshot, signInResidentPage as signInResident, signInStaffPage, type PhonePage } from '../helpers/browser';
import { qrByKey } from '../helpers/report';
import { useServer } from '../helpers/server';
import { demoWorld, resident, type DemoWorld } from '../integration/me-helpers';

// A night well away from today: the server's own scheduled jobs run on real time and must not close it under us.
const DAY = '2027-03-15';
const CLOCK = path.join(os.tmpdir(), `anlin-e2e-clock-${process.pid}-${Date.now()}`);
const setClock = (hm: string) => writeFileSync(CLOCK, `${DAY}T${hm}:00+08:00`);
setClock('18:00');
const server = useServer({ env: { TEST_CLOCK: `file:${CLOCK}` } });
let browser: Browser;
let w: DemoWorld;
let runner: Awaited<ReturnType<typeof resident>>;
let shiftId = 0;
let me: PhonePage | undefined;
const db = () => server.db.database.db;

beforeAll(async () => {
  w = await demoWorld(server.db.database);
  const [org] = await db().select().from(users).where(eq(users.username, 'organiser.zhao'));
  const [team] = await db().insert(teams).values({ communityId: w.community.id, name: '夜跑联防队', createdBy: org.id }).returning();
  runner = await resident(db(), '孙跑跑');
  await db().insert(teamMembers).values({ teamId: team.id, userId: runner.id, status: 'active' });
  const cps = await db().select().from(places).where(and(eq(places.communityId, w.community.id), eq(places.kind, 'checkpoint'))).orderBy(places.key);
  const scope = await loadStaffScope(db(), org.id);
  const form: Record<string, string> = { teamId: String(team.id), title: '夜跑联防', freq: 'daily', startTime: '19:00', endTime: '22:00', validFrom: DAY, validUntil: DAY, capacity: '40', minCheckpoints: '2' };
  cps.slice(0, 4).forEach((p, i) => (form[`pos_${p.id}`] = String(i + 1)));
  const tpl = await createTemplate(db(), scope, { form, actorUserId: org.id, now: new Date(`${DAY}T18:00:00+08:00`), timeZone: 'Asia/Shanghai', aheadDays: 2 });
  const [s] = await db().select().from(shifts).where(eq(shifts.templateId, tpl.id));
  shiftId = s.id;
  const [center] = await db().select().from(places).where(and(eq(places.communityId, w.community.id), eq(places.key, 'center')));
  await createActivity(db(), scope, {
    form: { title: '消防演练', placeId: String(center.id), startsAt: `${DAY}T19:30`, endsAt: `${DAY}T21:00`, capacity: '20' },
    actorUserId: org.id, now: new Date(`${DAY}T18:00:00+08:00`), timeZone: 'Asia/Shanghai',
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await me?.close();
  await browser?.close();
});

async function screenshot(page: Page, name: string) {
  await page.evaluate('window.scrollTo(0, 0)');
  return fullScreenshot(page, name);
}

async function checkInAt(page: Page, key: string) {
  const qr = await qrByKey(db(), key);
  await page.goto(`/q/${qr.code}`);
  await page.getByRole('link', { name: '巡逻签到' }).click();
  await page.waitForURL(/\/patrol\/check-in\?qr=/);
  await page.getByRole('button', { name: '在这里签到' }).click();
  await page.waitForURL(new RegExp(`/shifts/${shiftId}\\?done=in`));
}

describe('night patrol, end to end', () => {
  it('a resident signs up for tonight from 我能参加的', async () => {
    me = await newPhonePage(browser, server.url);
    const { page, errors } = me;
    await signInResident(page, runner.phone, '/shifts');
    const item = page.locator(`[data-shift="${shiftId}"]`);
    await expect.poll(() => item.textContent()).toContain('夜跑联防');
    expect(await item.textContent()).toContain('还剩 40 个名额');
    await screenshot(page, 'patrol-for-me');
    await item.getByRole('link').click();
    await page.getByRole('button', { name: '报名参加' }).click();
    await page.waitForURL(/done=confirmed/);
    await expect.poll(() => page.locator('main').textContent()).toContain('报名成功');
    await screenshot(page, 'patrol-signed-up');
    expect(errors).toEqual([]);
  });

  it('checks in at two checkpoint posters, checks out, and sees the points explained', async () => {
    const { page, errors } = me!;
    setClock('19:04');
    await checkInAt(page, 'cp1');
    await expect.poll(() => page.locator('main').textContent()).toContain('已在「清源广场」签到');
    await screenshot(page, 'patrol-checked-in-1');
    setClock('19:48');
    await checkInAt(page, 'cp2');
    const route = page.locator('#route li.done');
    await expect.poll(() => route.count()).toBe(2);
    await screenshot(page, 'patrol-checked-in-2');

    setClock('21:52');
    await page.getByRole('button', { name: '签退' }).click();
    await page.waitForURL(/done=out/);
    const credit = page.locator('[data-credit]');
    await expect.poll(() => credit.getAttribute('data-credit')).toBe('credited');
    // 19:04–21:00 (116 min) + 52 night minutes × 1.5 = 3.23 h × 10 = 32 points.
    expect(await credit.textContent()).toContain('+32 积分');
    await screenshot(page, 'patrol-checked-out');
    await page.getByRole('link', { name: '为什么得到这些积分' }).click();
    await page.waitForURL(/\/me\/points\/\d+/);
    const entry = await page.locator('#ledger-entry').textContent();
    expect(entry).toContain('+32');
    expect(entry).toContain('夜跑联防 3月15日 19:04–21:52,服务 2.8 小时');
    await screenshot(page, 'patrol-points-explained');
    const [t] = await db().select().from(pointTransfers).where(eq(pointTransfers.idempotencyKey, `award:patrol:${shiftId}:${runner.id}`));
    expect(t.amount).toBe(32);
    expect(errors).toEqual([]);
  });

  it('organiser 赵 sees them on tonight’s live board', async () => {
    const { page, errors, close } = await newPhonePage(browser, server.url);
    await signInStaffPage(page, 'organiser.zhao');
    await page.getByRole('link', { name: '进入巡逻与志愿活动' }).click();
    await screenshot(page, 'patrol-organiser-home');
    await page.getByRole('link', { name: '今晚巡逻(实时)' }).click();
    const board = page.locator(`[data-live-shift="${shiftId}"]`);
    await expect.poll(() => board.textContent()).toContain('孙跑跑');
    const text = await board.textContent();
    expect(text).toContain('清源广场 19:04');
    expect(text).toContain('东门岗亭 19:48');
    expect(text).toContain('已签退');
    await screenshot(page, 'patrol-organiser-live');
    // htmx re-fetches the board by itself (every 10 s) and swaps it in place.
    const polled = await page.waitForResponse((r) => r.url().endsWith('/organiser/live/board') && r.status() === 200, { timeout: 20_000 });
    expect(await polled.text()).toContain('孙跑跑');
    await expect.poll(() => page.locator('#live-board').count()).toBe(1);
    expect(errors).toEqual([]);
    await close();
  });

  it('a volunteer checks in to an activity from its 活动签到 poster', async () => {
    const { page, errors } = me!;
    setClock('19:40');
    await page.goto('/shifts');
    const act = page.locator('[data-shift]', { hasText: '消防演练' });
    await act.getByRole('link').click();
    await page.getByRole('button', { name: '报名参加' }).click();
    await page.waitForURL(/done=confirmed/);
    const qr = await qrByKey(db(), 'center-events');
    await page.goto(`/q/${qr.code}`);
    await page.getByRole('link', { name: '活动签到' }).click();
    await page.waitForURL(/\/events\/check-in\?qr=/);
    await screenshot(page, 'activity-check-in');
    await page.getByRole('button', { name: '在这里签到' }).click();
    await page.waitForURL(/done=in/);
    await expect.poll(() => page.locator('main').textContent()).toContain('已在「清源社区党群服务中心」签到');
    const [su] = await db().select().from(shiftSignups).where(and(eq(shiftSignups.userId, runner.id), eq(shiftSignups.status, 'confirmed')));
    expect(su).toBeTruthy();
    await screenshot(page, 'activity-checked-in');
    expect(errors).toEqual([]);
  });

  it('the volunteer opens 我的服务时长 and prints a service record certificate', async () => {
    const { page, errors } = me!;
    await page.goto('/shifts');
    await page.getByRole('link', { name: '我的服务时长与证明' }).click();
    await page.waitForURL(/\/me\/hours/);
    await page.getByLabel('从').fill('2027-01-01');
    await page.getByLabel('到').fill('2027-12-31');
    await page.getByRole('button', { name: '查看' }).click();
    await expect.poll(() => page.locator('[data-minutes]').first().getAttribute('data-minutes')).toBe('168');
    await screenshot(page, 'patrol-hours');
    await page.getByRole('button', { name: '开具志愿服务记录证明' }).click();
    await page.waitForURL(/\/me\/certificates\//);
    expect(await page.locator('#certificate').textContent()).toContain('2.8 小时');
    await screenshot(page, 'patrol-certificate');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'patrol-certificate-print');
    await page.emulateMedia({ media: 'screen' });
    expect(errors).toEqual([]);
  });
});
