// The staff work queue against real Postgres: the SQL scope filter agrees with coversItem, sorting by SLA, filters,
// status tabs with counts, 25 per page, the htmx partial, anonymity, the police view and the open count in the nav.
import { and, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { staffRoles, submissions, type StaffRole } from '../../src/db/schema';
import type { StaffScope } from '../../src/domain/auth/staff-scope';
import { coversItem } from '../../src/domain/console/item-access';
import { visibleItemsSql } from '../../src/domain/console/queue-filter';
import { useTestApp } from '../helpers/app';
import { makeCommunity, makeGrid, makeStaff } from '../helpers/builders';
import { DEMO_PASSWORD, demoWorld, resident, type DemoWorld } from './me-helpers';
import { isolatedGrid, queueItem, rowsOf } from './console-queue-helpers';

const t = useTestApp();
let w: DemoWorld;
let author: { id: number };
beforeAll(async () => {
  w = await demoWorld(t.deps.database);
  author = await resident(t.deps.db, '王大妈');
});

const HOUR = 3600_000;

async function staffClient(username: string, password = DEMO_PASSWORD) {
  const client = t.client();
  const res = await client.signInStaff(username, password);
  expect(res.status).toBe(303);
  return client;
}

describe('scope in SQL agrees with coversItem', () => {
  it('over a varied set of items and scopes', async () => {
    const db = t.deps.db;
    const other = await makeCommunity(db);
    const og1 = await makeGrid(db, other.id);
    const og2 = await makeGrid(db, other.id);
    const A = w.community.id;
    const B = other.id;
    const placements: [number, number | null][] = [[A, w.grid1.id], [A, w.grid3.id], [A, null], [B, og1.id], [B, og2.id], [B, null]];
    const ids: number[] = [];
    const facts = new Map<number, { communityId: number; gridId: number | null; policeRelated: boolean; tier: number }>();
    for (const [communityId, gridId] of placements) {
      for (const policeRelated of [false, true]) {
        for (const tier of [1, 2, 3] as const) {
          const row = await queueItem(db, w, { authorUserId: author.id, communityId, gridId, policeRelated, tier });
          ids.push(row.id);
          facts.set(row.id, { communityId, gridId, policeRelated, tier });
        }
      }
    }
    const r = (communityId: number, role: StaffRole, gridIds: number[] | null) => ({ communityId, communityName: 'x', role, gridIds });
    const scopes: Record<string, StaffScope> = {
      nobody: [],
      worker1: [r(A, 'grid_worker', [w.grid1.id])],
      leaderTwoGrids: [r(A, 'grid_leader', [w.grid1.id, w.grid3.id])],
      emptyGridList: [r(A, 'grid_worker', [])],
      adminA: [r(A, 'community_admin', null)],
      wholeWorkerB: [r(B, 'grid_worker', null)],
      policeA: [r(A, 'police', null)],
      policeAndWorkerB: [r(A, 'police', null), r(B, 'grid_worker', [og2.id])],
      organiserAndClerk: [r(A, 'organiser', null), r(A, 'clerk', null)],
      policeWithGrids: [r(B, 'police', [og1.id])],
      workerPlusAdmin: [r(A, 'grid_worker', [w.grid1.id]), r(A, 'community_admin', null)],
      crossCommunityGrid: [r(B, 'grid_worker', [w.grid1.id])],
      twoCommunities: [r(A, 'grid_leader', [w.grid3.id]), r(B, 'grid_leader', [og1.id, og2.id]), r(B, 'police', null)],
    };
    for (const [name, scope] of Object.entries(scopes)) {
      const rows = await db.select({ id: submissions.id }).from(submissions).where(and(inArray(submissions.id, ids), visibleItemsSql(scope)));
      const sqlIds = rows.map((x) => x.id).sort((a, b) => a - b);
      const jsIds = ids.filter((id) => coversItem(scope, facts.get(id)!)).sort((a, b) => a - b);
      expect(sqlIds, name).toEqual(jsIds);
    }
    // The set is varied enough to mean something: some scopes see nothing, some a part, one sees all of A.
    const seen = async (scope: StaffScope) => (await db.select({ id: submissions.id }).from(submissions).where(and(inArray(submissions.id, ids), visibleItemsSql(scope)))).length;
    expect(await seen(scopes.nobody)).toBe(0);
    expect(await seen(scopes.worker1)).toBe(6);
    expect(await seen(scopes.policeA)).toBe(12);
    expect(await seen(scopes.adminA)).toBe(18);
  });
});

describe('/staff/queue', () => {
  it('is for staff who work items: sign-in first, organisers are refused', async () => {
    const anon = await t.client().get('/staff/queue');
    expect(anon.status).toBe(303);
    expect(anon.headers.get('location')).toBe('/staff/login?next=%2Fstaff%2Fqueue');
    const organiser = await staffClient('organiser.zhao');
    expect((await organiser.get('/staff/queue')).status).toBe(403);
  });

  it('shows my items sorted by due time (overdue first, none last), never other grids', async () => {
    const db = t.deps.db;
    const { grid, place, worker } = await isolatedGrid(db, w);
    const now = Date.now();
    const noDue = await queueItem(db, w, { authorUserId: author.id, gridId: grid.id, placeId: place.id });
    const later = await queueItem(db, w, { authorUserId: author.id, gridId: grid.id, placeId: place.id, slaDueAt: new Date(now + 48 * HOUR) });
    const overdue = await queueItem(db, w, { authorUserId: author.id, gridId: grid.id, placeId: place.id, slaDueAt: new Date(now - 5 * HOUR) });
    const soon = await queueItem(db, w, { authorUserId: author.id, gridId: grid.id, placeId: place.id, slaDueAt: new Date(now + 2 * HOUR) });
    const done = await queueItem(db, w, { authorUserId: author.id, gridId: grid.id, status: 'resolved', slaDueAt: new Date(now - 50 * HOUR) });
    const elsewhere = await queueItem(db, w, { authorUserId: author.id, gridId: w.grid3.id, slaDueAt: new Date(now - 9 * HOUR) });
    const client = await staffClient(worker.username, worker.password);
    const html = await (await client.get('/staff/queue')).text();
    expect(rowsOf(html)).toEqual([overdue.trackingNo, soon.trackingNo, later.trackingNo, noDue.trackingNo]);
    expect(html).not.toContain(elsewhere.trackingNo);
    expect(html).toContain(`href="/staff/items/${overdue.id}"`);
    // The overdue row is marked (red by CSS) and says so in words; place and grid are shown.
    expect(html).toMatch(new RegExp(`data-item="${overdue.trackingNo}" class="overdue"`));
    expect(html).toContain('已超期');
    expect(html).toContain(`${grid.name}1栋 · ${grid.name}`);
    expect(html).toContain('消防隐患');
    expect(html).toContain('待审核');
    // "全部" includes the resolved item, after the open ones even though its deadline is the oldest.
    const all = rowsOf(await (await client.get('/staff/queue?status=all')).text());
    expect(all.at(-1)).toBe(done.trackingNo);
    expect(all).toHaveLength(5);
  });

  it('never shows an anonymous author, shows a named one', async () => {
    const db = t.deps.db;
    const { grid, worker } = await isolatedGrid(db, w);
    const named = await resident(db, '李秀兰');
    const hidden = await resident(db, '赵匿名');
    await queueItem(db, w, { authorUserId: named.id, gridId: grid.id });
    await queueItem(db, w, { authorUserId: hidden.id, gridId: grid.id, anonymous: true });
    const client = await staffClient(worker.username, worker.password);
    const html = await (await client.get('/staff/queue')).text();
    expect(html).toContain('李秀兰');
    expect(html).toContain('匿名反映');
    expect(html).not.toContain('赵匿名');
  });

  it('filters by kind, category, grid, police, overdue, tier and assignee; tabs count per status', async () => {
    const db = t.deps.db;
    const { grid } = await isolatedGrid(db, w);
    const grid2 = await makeGrid(db, w.community.id);
    const leader = await makeStaff(db, { communityId: w.community.id, role: 'grid_leader', gridIds: [grid.id, grid2.id] });
    const other = await makeStaff(db, { communityId: w.community.id, role: 'grid_worker', gridIds: [grid.id] });
    const now = Date.now();
    const base = { authorUserId: author.id, gridId: grid.id };
    const wish = await queueItem(db, w, { ...base, kind: 'wish' });
    const police = await queueItem(db, w, { ...base, policeRelated: true, categoryKey: 'tip.case_clue' });
    const late = await queueItem(db, w, { ...base, slaDueAt: new Date(now - HOUR) });
    const lateButDone = await queueItem(db, w, { ...base, slaDueAt: new Date(now - HOUR), status: 'resolved' });
    const tier2 = await queueItem(db, w, { ...base, tier: 2, status: 'in_progress' });
    const mine = await queueItem(db, w, { ...base, assignedUserId: leader.user.id });
    const theirs = await queueItem(db, w, { ...base, assignedUserId: other.user.id, status: 'routed' });
    const inGrid2 = await queueItem(db, w, { ...base, gridId: grid2.id });
    const client = await staffClient(leader.username, leader.password);
    const q = async (query: string) => rowsOf(await (await client.get(`/staff/queue?${query}`)).text()).sort();
    const sorted = (...rows: { trackingNo: string }[]) => rows.map((r) => r.trackingNo).sort();
    expect(await q('kind=wish')).toEqual(sorted(wish));
    expect(await q('category=tip.case_clue')).toEqual(sorted(police));
    expect(await q('police=1')).toEqual(sorted(police));
    expect(await q('overdue=1')).toEqual(sorted(late));
    expect(await q('overdue=1&status=all')).toEqual(sorted(late));
    expect(await q('tier=2')).toEqual(sorted(tier2));
    expect(await q('assigned=me')).toEqual(sorted(mine));
    expect(await q(`grid=${grid2.id}`)).toEqual(sorted(inGrid2));
    expect(await q('assigned=none&kind=tip')).toEqual(sorted(police, late, tier2, inGrid2));
    expect(await q('status=routed')).toEqual(sorted(theirs));
    expect(await q('status=all&assigned=none&tier=1&kind=tip')).toEqual(sorted(police, late, lateButDone, inGrid2));
    // Odd values are ignored rather than failing the page (an unknown status is the default "open" tab).
    expect(await q('tier=9&grid=1;drop&status=nope&page=-3')).toHaveLength(7);
    // Tabs: counts per status under the same filters, and the leader's own item shows "(我)".
    const html = await (await client.get('/staff/queue?kind=tip')).text();
    const tab = (name: string) => new RegExp(`data-tab="${name}"[^>]*>[^<]*<span class="n">(\\d+)</span>`).exec(html)?.[1];
    expect(tab('open')).toBe('6');
    expect(tab('pending_review')).toBe('4');
    expect(tab('in_progress')).toBe('1');
    expect(tab('routed')).toBe('1');
    expect(tab('resolved')).toBe('1');
    expect(tab('all')).toBe('7');
    expect(html).toContain('(我)');
    // Filter values survive in the tab links (so a tab does not drop the filters).
    expect(html).toContain('href="/staff/queue?status=all&amp;kind=tip"');
  });

  it('pages 25 at a time, keeping filters in the pager links', async () => {
    const db = t.deps.db;
    const { grid, worker } = await isolatedGrid(db, w);
    const now = Date.now();
    const rows = [];
    for (let i = 0; i < 27; i++) rows.push(await queueItem(db, w, { authorUserId: author.id, gridId: grid.id, slaDueAt: new Date(now + (i + 1) * HOUR) }));
    const client = await staffClient(worker.username, worker.password);
    const page1 = await (await client.get('/staff/queue?kind=tip')).text();
    expect(rowsOf(page1)).toEqual(rows.slice(0, 25).map((r) => r.trackingNo));
    expect(page1).toContain('共 27 条');
    expect(page1).toContain('href="/staff/queue?kind=tip&amp;page=2"');
    const page2 = await (await client.get('/staff/queue?kind=tip&page=2')).text();
    expect(rowsOf(page2)).toEqual(rows.slice(25).map((r) => r.trackingNo));
  });

  it('answers htmx with the #queue-list partial only, and a full page otherwise', async () => {
    const { grid, worker } = await isolatedGrid(t.deps.db, w);
    const item = await queueItem(t.deps.db, w, { authorUserId: author.id, gridId: grid.id, kind: 'wish' });
    const client = await staffClient(worker.username, worker.password);
    const res = await client.get('/staff/queue?kind=wish', { 'HX-Request': 'true', 'HX-Request-Type': 'partial' });
    const html = await res.text();
    expect(res.headers.get('vary')).toContain('HX-Request');
    expect(html.startsWith('<div id="queue-list">')).toBe(true);
    expect(html).not.toContain('<html');
    expect(rowsOf(html)).toEqual([item.trackingNo]);
    const full = await (await client.get('/staff/queue?kind=wish', { 'HX-Request': 'true', 'HX-Request-Type': 'full' })).text();
    expect(full).toContain('<html');
    expect(full).toContain('id="queue-filter"');
  });

  it('says what to do when empty, and how to get out of an empty filter', async () => {
    const { worker } = await isolatedGrid(t.deps.db, w);
    const client = await staffClient(worker.username, worker.password);
    const empty = await (await client.get('/staff/queue')).text();
    expect(empty).toContain('眼下没有待办的事项');
    expect(empty).toContain('居民扫码反映的新线索');
    const filtered = await (await client.get('/staff/queue?police=1')).text();
    expect(filtered).toContain('没有符合筛选条件的事项');
    expect(filtered).toContain('清除筛选条件');
  });
});

describe('open count in the staff navigation', () => {
  it('counts open items in scope for staff who work items, nothing for others', async () => {
    const db = t.deps.db;
    const { grid, worker } = await isolatedGrid(db, w);
    await queueItem(db, w, { authorUserId: author.id, gridId: grid.id });
    await queueItem(db, w, { authorUserId: author.id, gridId: grid.id, status: 'in_progress' });
    await queueItem(db, w, { authorUserId: author.id, gridId: grid.id, status: 'resolved' });
    await queueItem(db, w, { authorUserId: author.id, gridId: w.grid3.id });
    const client = await staffClient(worker.username, worker.password);
    const html = await (await client.get('/staff')).text();
    expect(html).toContain('aria-label="待办,2 件未办结"');
    const organiser = await staffClient('organiser.zhao');
    expect(await (await organiser.get('/staff')).text()).not.toContain('href="/staff/queue"');
  });
});

describe('/staff/police', () => {
  it('shows police-related items and tier-3 escalations of the community, only to police', async () => {
    const db = t.deps.db;
    const { grid } = await isolatedGrid(db, w);
    const clue = await queueItem(db, w, { authorUserId: author.id, gridId: grid.id, policeRelated: true, categoryKey: 'tip.case_clue' });
    const tier3 = await queueItem(db, w, { authorUserId: author.id, gridId: null, tier: 3, status: 'in_progress' });
    const plain = await queueItem(db, w, { authorUserId: author.id, gridId: grid.id, tier: 2 });
    const police = await staffClient('police.liu');
    const html = await (await police.get('/staff/police')).text();
    const rows = rowsOf(html);
    expect(rows).toContain(clue.trackingNo);
    expect(rows).toContain(tier3.trackingNo);
    expect(rows).not.toContain(plain.trackingNo);
    expect(html).toContain('涉警事项');
    // The same list component with the same filters: tier=3 narrows it to the escalation.
    const tier3Only = rowsOf(await (await police.get('/staff/police?tier=3')).text());
    expect(tier3Only).toContain(tier3.trackingNo);
    expect(tier3Only).not.toContain(clue.trackingNo);
    const worker = await staffClient('worker1');
    expect((await worker.get('/staff/police')).status).toBe(403);
    // An admin who is also police sees only the police items there, everything in the queue.
    const both = await makeStaff(db, { communityId: w.community.id, role: 'community_admin' });
    await db.insert(staffRoles).values({ userId: both.user.id, communityId: w.community.id, role: 'police', scope: 'community' });
    const bc = await staffClient(both.username, both.password);
    const pv = rowsOf(await (await bc.get('/staff/police?status=all')).text());
    expect(pv).not.toContain(plain.trackingNo);
    expect(pv).toContain(clue.trackingNo);
  });
});
