// The report page, its CSV and the public ranking over real Postgres: who may see what, figures as rolled up,
// masked names, ties sharing a place, the minimum participation, opting out, and odd query values.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { grids, teamMembers, teams, users } from '../../src/db/schema';
import { awardPoints } from '../../src/domain/points/award-points';
import { monthOf } from '../../src/domain/reports/months';
import { refreshRollups } from '../../src/domain/reports/refresh-rollups';
import { useTestApp } from '../helpers/app';
import { makeResident } from '../helpers/builders';
import { DEMO_PASSWORD, demoWorld, insertItem, type DemoWorld } from './me-helpers';

const t = useTestApp();
let w: DemoWorld;
const TZ = 'Asia/Shanghai';
const month = () => monthOf(new Date(), TZ);
let named: { id: number; phone: string | null };
let twin: { id: number; phone: string | null };
let nameless: { id: number; phone: string | null };
let once: { id: number; phone: string | null };

beforeAll(async () => {
  w = await demoWorld(t.deps.database);
  const db = t.deps.db;
  const [admin] = await db.select().from(users).where(eq(users.username, 'admin'));
  named = await makeResident(db, { displayName: '王阿姨', homePlaceId: w.grid1.placeId });
  twin = await makeResident(db, { displayName: '李大爷', homePlaceId: w.grid3.placeId });
  nameless = await makeResident(db, { displayName: '' });
  once = await makeResident(db, { displayName: '赵叔' });
  const award = async (who: { id: number }, n: number) => {
    for (let i = 0; i < n; i++) {
      const item = await insertItem(db, w, { authorUserId: who.id, status: 'accepted', grid: 'grid1' });
      await awardPoints(db, { communityId: w.community.id, approverUserId: admin.id, contribution: { kind: 'submission', submissionId: item.id } });
    }
  };
  await award(named, 3);
  await award(twin, 3);
  await award(nameless, 2);
  await award(once, 1);
  await refreshRollups(db, { timeZone: TZ, communityId: w.community.id, months: [month()] });
});

async function staff(username: string) {
  const c = t.client();
  expect((await c.signInStaff(username, DEMO_PASSWORD)).status).toBe(303);
  return c;
}

describe('monthly report page', () => {
  it('admins see the community; the figures are the rollup’s', async () => {
    const admin = await staff('admin');
    const res = await admin.get(`/staff/reports?month=${month()}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('月度报表');
    expect(html).toMatch(/data-kpi="items"><dt>事项数<\/dt><dd>9<\/dd>/);
    expect(html).toContain('<svg');
    expect(html).toContain('<title id="ch-items-t">');
    expect(html).toContain('<table class="data">');
  });

  it('a grid leader sees their grids only; others are refused', async () => {
    const leader = await staff('leader.chen');
    const html = await (await leader.get('/staff/reports')).text();
    expect(html).not.toContain('<option value="0"');
    expect(html).toContain('清波小区一网格');
    const [{ id: g9id }] = await t.deps.db.select({ id: grids.id }).from(grids).where(eq(grids.code, '510105017003009'));
    expect((await leader.get(`/staff/reports?grid=${g9id}`)).status).toBe(404);
    expect((await (await staff('worker1')).get('/staff/reports')).status).toBe(403);
    expect([302, 303]).toContain((await t.client().get('/staff/reports')).status);
  });

  it('odd query values fall back to defaults; the CSV has a BOM, a header and 12 months', async () => {
    const admin = await staff('admin');
    for (const q of ['month=2026-13', 'month=2999-01', 'grid=abc', 'month=%00', 'community=x']) {
      expect((await admin.get(`/staff/reports?${q}`)).status, q).toBe(200);
    }
    const csv = await admin.get(`/staff/reports.csv?month=${month()}`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toContain('回应率%');
    expect(lines).toHaveLength(13);
    expect(lines[12].startsWith(`${month()},`)).toBe(true);
  });
});

describe('public ranking', () => {
  it('needs no sign-in; masked names, ties share a place, minimum participation, no-name residents by last 4 digits', async () => {
    const [community] = [w.community];
    const res = await t.client().get(`/rank/510105017003`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`${community.name}`);
    expect(html).toContain('至少获得 2 次积分才上榜');
    expect(html).toContain('王**');
    expect(html).toContain('李**');
    expect(html).not.toContain('王阿姨');
    expect(html).toContain(`居民(尾号 ${nameless.phone!.slice(-4)})`);
    expect(html).not.toContain('赵**');
    const places = [...html.matchAll(/data-place="(\d+)"/g)].map((m) => Number(m[1]));
    expect(places).toEqual([1, 1, 3]);
    // Per grid of the home: only 王阿姨 lives in grid 1.
    const g1 = await (await t.client().get(`/rank/510105017003?grid=${w.grid1.id}`)).text();
    expect(g1).toContain('王**');
    expect(g1).not.toContain('李**');
    expect((await t.client().get('/rank/999999999999')).status).toBe(404);
    expect((await t.client().get('/rank/abc')).status).toBe(404);
    expect((await t.client().get('/rank/510105017003?grid=999999')).status).toBe(404);
  });

  it('per team: only its active members, by their points in the community', async () => {
    const db = t.deps.db;
    const [team] = await db.insert(teams).values({ communityId: w.community.id, name: '夜跑联防队' }).returning();
    await db.insert(teamMembers).values([
      { teamId: team.id, userId: named.id, status: 'active' },
      { teamId: team.id, userId: nameless.id, status: 'active' },
      { teamId: team.id, userId: twin.id, status: 'pending' },
    ]);
    const html = await (await t.client().get(`/rank/510105017003?team=${team.id}`)).text();
    expect(html).toContain('只排夜跑联防队的队员');
    expect(html).toContain('王**');
    expect(html).toContain(`居民(尾号 ${nameless.phone!.slice(-4)})`);
    expect(html).not.toContain('李**');
    expect([...html.matchAll(/data-place="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([1, 2]);
    expect((await t.client().get('/rank/510105017003?team=999999')).status).toBe(404);
  });

  it('a resident who opts out leaves the ranking at once, and can come back', async () => {
    const c = t.client();
    await c.signInResident(twin.phone!);
    expect(await (await c.get('/account')).text()).toContain('不在公开排名中显示我');
    expect((await c.post('/account/ranking', { optOut: '1' })).status).toBe(303);
    expect(await (await t.client().get('/rank/510105017003')).text()).not.toContain('李**');
    expect(await (await c.get('/account?ranking=saved')).text()).toContain('已保存排名设置');
    await c.post('/account/ranking', {});
    expect(await (await t.client().get('/rank/510105017003')).text()).toContain('李**');
    const staffClient = await staff('worker1');
    expect((await staffClient.post('/account/ranking', { optOut: '1' })).status).toBe(403);
  });
});
