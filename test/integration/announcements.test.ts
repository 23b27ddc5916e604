// Announcements against real Postgres: who may publish what to where, the audience (scan page by the poster's grid,
// home page and inbox by where residents live or reported), scheduling, withdrawal, and bad input leaving no row.
import { and, count, eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { announcements, auditLog, grids, notifications, qrCodes } from '../../src/db/schema';
import { deliverAnnouncement } from '../../src/domain/announcements/deliver-announcement';
import { generateCode } from '../../src/domain/qr/generate-code';
import { utcToLocalInput } from '../../src/domain/time/zoned-local';
import { useTestApp } from '../helpers/app';
import { makeResident } from '../helpers/builders';
import { DEMO_PASSWORD, demoWorld, insertItem, resident, type DemoWorld } from './me-helpers';

const t = useTestApp();
let w: DemoWorld;
let qr1: string;
let qr3: string;
const TZ = 'Asia/Shanghai';
const HOUR = 3600_000;
const local = (ms: number) => utcToLocalInput(new Date(Date.now() + ms), TZ);

beforeAll(async () => {
  w = await demoWorld(t.deps.database);
  const db = t.deps.db;
  const codeAt = async (placeId: number) => {
    const [row] = await db.insert(qrCodes).values({ communityId: w.community.id, placeId, purpose: 'report', code: generateCode(), label: `测试 ${placeId}` }).returning();
    return row.code;
  };
  qr1 = await codeAt(w.grid1.placeId);
  qr3 = await codeAt(w.grid3.placeId);
});

async function staff(username: string) {
  const c = t.client();
  expect((await c.signInStaff(username, DEMO_PASSWORD)).status).toBe(303);
  return c;
}

const form = (over: Record<string, string> = {}) => ({
  community: String(w.community.id),
  kind: 'notice',
  title: '12月5日停水通知',
  body: '因管网维修,12月5日9:00-17:00 1栋、2栋停水,请提前储水。',
  publishAt: '',
  expiresAt: local(3 * 24 * HOUR),
  ...over,
});

const rowsOf = async () => Number((await t.deps.db.select({ n: count() }).from(announcements))[0].n);

describe('publishing', () => {
  it('an admin publishes to one grid: that grid’s poster shows it, another grid’s does not; the inbox reaches its residents', async () => {
    const db = t.deps.db;
    const admin = await staff('admin');
    const res = await admin.post('/staff/announcements', form({ [`g.${w.grid1.id}`]: '1', title: '一网格停水通知' }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/announcements?ok=published');
    const [a] = await db.select().from(announcements).where(eq(announcements.title, '一网格停水通知'));
    expect(a.kind).toBe('notice');

    const inGrid = await (await t.client().get(`/q/${qr1}`)).text();
    expect(inGrid).toContain('一网格停水通知');
    expect(inGrid).toContain('温馨提示');
    expect(await (await t.client().get(`/q/${qr3}`)).text()).not.toContain('一网格停水通知');
    expect(await (await t.client().get(`/announcements?qr=${qr1}`)).text()).toContain('一网格停水通知');

    // Audience: lives in grid 1; reported from grid 1; lives in grid 3.
    const home1 = await makeResident(db, { homePlaceId: w.grid1.placeId });
    const reporter = await resident(db, '李四');
    await insertItem(db, w, { authorUserId: reporter.id, grid: 'grid1' });
    const home3 = await makeResident(db, { homePlaceId: w.grid3.placeId });
    const first = await deliverAnnouncement(db, { announcementId: a.id });
    expect(first.delivered).toBeGreaterThanOrEqual(2);
    const inbox = async (userId: number) => db.select().from(notifications).where(and(eq(notifications.userId, userId), like(notifications.dedupeKey, `announcement:${a.id}:%`)));
    expect(await inbox(home1.id)).toHaveLength(1);
    expect(await inbox(reporter.id)).toHaveLength(1);
    expect(await inbox(home3.id)).toHaveLength(0);
    expect((await deliverAnnouncement(db, { announcementId: a.id })).delivered).toBe(0);
    expect((await db.select().from(announcements).where(eq(announcements.id, a.id)))[0].deliveredCount).toBe(first.delivered);

    // The home page of a resident living in grid 1 shows it; the inbox message opens the announcement.
    const c = t.client();
    await c.signInResident(home1.phone!);
    expect(await (await c.get('/')).text()).toContain('一网格停水通知');
    expect(await (await c.get('/me/inbox')).text()).toContain('温馨提示:一网格停水通知');
    const page = await c.get(`/announcements/${a.id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('因管网维修');
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.action, 'announcement.publish'), eq(auditLog.targetId, String(a.id))));
    expect(audit).toHaveLength(1);
  });

  it('a police notice to the whole community is marked and listed first', async () => {
    const police = await staff('police.liu');
    const res = await police.post('/staff/announcements', form({ kind: 'police', title: '近期电信诈骗高发', body: '冒充客服退款的电话都是诈骗,请勿转账。' }));
    expect(res.status).toBe(303);
    const html = await (await t.client().get(`/q/${qr3}`)).text();
    expect(html).toContain('近期电信诈骗高发');
    expect(html).toContain('警情通报');
    const list = await (await t.client().get(`/announcements?qr=${qr1}`)).text();
    expect(list.indexOf('近期电信诈骗高发')).toBeLessThan(list.indexOf('一网格停水通知'));
  });

  it('refuses what a publisher may not do, with no row written', async () => {
    const before = await rowsOf();
    const leader = await staff('leader.chen');
    // A grid leader: no police notices, only their own grids, and no community-wide notice.
    expect((await leader.post('/staff/announcements', form({ kind: 'police', [`g.${w.grid1.id}`]: '1' }))).status).toBe(422);
    const [g9] = await t.deps.db.select().from(grids).where(eq(grids.code, '510105017003009'));
    const outside = await leader.post('/staff/announcements', form({ [`g.${g9.id}`]: '1' }));
    expect(outside.status).toBe(422);
    expect(await outside.text()).toContain('选择的网格不在您可以发布的范围内');
    const whole = await leader.post('/staff/announcements', form());
    expect(whole.status).toBe(422);
    expect(await whole.text()).toContain('请至少选择一个网格');
    // Police may not publish a 温馨提示; a grid worker may not publish at all.
    expect((await (await staff('police.liu')).post('/staff/announcements', form())).status).toBe(422);
    expect((await (await staff('worker1')).post('/staff/announcements', form())).status).toBe(403);
    expect((await (await staff('worker1')).get('/staff/announcements')).status).toBe(403);
    expect(await rowsOf()).toBe(before);
  });

  it('bad input gets a Chinese message beside the field, the typed values kept, and no row', async () => {
    const before = await rowsOf();
    const admin = await staff('admin');
    const cases: [Record<string, string>, string][] = [
      [{ title: '<script>alert(1)</script>' }, 'title'],
      [{ title: '' }, 'title'],
      [{ body: '' }, 'body'],
      [{ kind: 'rumour' }, '请选择您可以发布的公告类型'],
      [{ publishAt: local(-5 * HOUR) }, '发布时间不能早于现在'],
      [{ publishAt: '2026-02-30T10:00' }, '请填写正确的日期和时间'],
      [{ expiresAt: local(-HOUR) }, '下架时间要晚于发布时间'],
      [{ expiresAt: local(200 * 24 * HOUR) }, '公告最长展示 90 天'],
      [{ expiresAt: 'tomorrow' }, '请填写正确的日期和时间'],
      [{ [`g.999999`]: '1' }, '选择的网格不在您可以发布的范围内'],
    ];
    for (const [over, expected] of cases) {
      const res = await admin.post('/staff/announcements', form({ title: '保留的标题', ...over }));
      expect(res.status, JSON.stringify(over)).toBe(422);
      const html = await res.text();
      if (expected !== 'title' && expected !== 'body') expect(html, JSON.stringify(over)).toContain(expected);
      if (over.body === undefined) expect(html).toContain('因管网维修');
      if (over.title === undefined) expect(html).toContain('value="保留的标题"');
      expect(html).not.toContain('<script>alert(1)</script>');
    }
    expect(await rowsOf()).toBe(before);
  });
});

describe('scheduling and withdrawal', () => {
  it('a scheduled notice appears at its time only; a withdrawn one leaves at once and cannot be withdrawn twice', async () => {
    const db = t.deps.db;
    const admin = await staff('admin');
    const res = await admin.post('/staff/announcements', form({ title: '周六消防演练', publishAt: local(2 * HOUR), expiresAt: local(26 * HOUR) }));
    expect(res.headers.get('location')).toBe('/staff/announcements?ok=scheduled');
    const [a] = await db.select().from(announcements).where(eq(announcements.title, '周六消防演练'));
    expect(await (await t.client().get(`/q/${qr1}`)).text()).not.toContain('周六消防演练');
    expect((await t.client().get(`/announcements/${a.id}`)).status).toBe(404);
    expect((await deliverAnnouncement(db, { announcementId: a.id })).skipped).toBe('not_due');
    expect((await deliverAnnouncement(db, { announcementId: a.id, now: new Date(Date.now() + 3 * HOUR) })).skipped).toBeUndefined();
    expect(await (await admin.get('/staff/announcements')).text()).toContain('待发布');

    const live = await admin.post('/staff/announcements', form({ title: '临时停电通知' }));
    expect(live.status).toBe(303);
    const [b] = await db.select().from(announcements).where(eq(announcements.title, '临时停电通知'));
    expect(await (await t.client().get(`/q/${qr1}`)).text()).toContain('临时停电通知');
    expect(await (await admin.get(`/staff/announcements/${b.id}/withdraw`)).text()).toContain('撤回这条公告?');
    const done = await admin.post(`/staff/announcements/${b.id}/withdraw`, {});
    expect(done.headers.get('location')).toBe('/staff/announcements?ok=withdrawn');
    expect(await (await t.client().get(`/q/${qr1}`)).text()).not.toContain('临时停电通知');
    expect(await (await t.client().get(`/announcements/${b.id}`)).text()).toContain('这条公告已撤回');
    expect((await admin.post(`/staff/announcements/${b.id}/withdraw`, {})).status).toBe(409);
    // Not deliverable any more, and its withdrawal is audited once.
    expect((await deliverAnnouncement(db, { announcementId: b.id })).skipped).toBe('gone');
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, 'announcement.withdraw'), eq(auditLog.targetId, String(b.id))))).toHaveLength(1);
    // Another community's staff cannot see or withdraw it.
    expect((await t.client().get('/announcements/abc')).status).toBe(404);
  });
});
