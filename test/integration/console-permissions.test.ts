// Permissions from the route table: every unsafe console route (POST /staff/items/:id/* and /staff/approvals/:id/*)
// × every visitor (anonymous, a resident, each staff role in and out of scope) → the status the SPEC expects
// (console-permissions-spec.ts). Each combination gets a fresh item in the state its action needs and a valid body with
// the current version, so permission is the only reason left for a refusal; a refusal must have written nothing.
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DbOrTx } from '../../src/db/client';
import { auditLog, departmentRequests, departments, pointAwardRequests, pointTransfers, staffRoleGrids, staffRoles, submissions, users, type StaffRole } from '../../src/db/schema';
import { awardPoints } from '../../src/domain/points/award-points';
import { useTestApp, type TestClient } from '../helpers/app';
import { makeCommunity, makeGrid, makeStaff } from '../helpers/builders';
import { DEMO_PASSWORD, demoWorld, insertItem, resident, type DemoWorld } from './me-helpers';
import { expected, SPEC, type ActionSpec, type Expected, type Subject } from './console-permissions-spec';

const t = useTestApp();
const db = () => t.deps.db;
let w: DemoWorld;

interface Visitor {
  label: string;
  subject: Subject;
  client: TestClient;
  userId: number | null;
}
const visitors: Visitor[] = [];
const ids: Record<string, number> = {};
let original: { trackingNo: string; id: number };
let departmentId: number;

async function userId(username: string): Promise<number> {
  const [u] = await db().select({ id: users.id }).from(users).where(eq(users.username, username));
  return u.id;
}

beforeAll(async () => {
  w = await demoWorld(t.deps.database);
  for (const u of ['worker1', 'worker3']) ids[u] = await userId(u);
  // A second, small community: its community-wide staff are out of scope for every demo item.
  const other = await makeCommunity(db(), { name: '对照社区' });
  const extra = async (role: StaffRole) => {
    const s = await makeStaff(db(), { communityId: other.id, role });
    return { username: s.username, password: s.password };
  };
  const demo = (username: string) => ({ username, password: DEMO_PASSWORD });
  // In scope: every demo item is in grid 1 (worker1's and leader.chen's); police see it when it is police-related.
  // Out of scope: worker5 / leader.li cover other grids; police.liu on an item that is neither police-related nor tier 3.
  const staff: [StaffRole, boolean, { username: string; password: string }][] = [
    ['grid_worker', true, demo('worker1')], ['grid_worker', false, demo('worker5')],
    ['grid_leader', true, demo('leader.chen')], ['grid_leader', false, demo('leader.li')],
    ['community_admin', true, demo('admin')], ['community_admin', false, await extra('community_admin')],
    ['police', true, demo('police.liu')], ['police', false, demo('police.liu')],
    ['organiser', true, demo('organiser.zhao')], ['organiser', false, await extra('organiser')],
    ['clerk', true, demo('clerk.sun')], ['clerk', false, await extra('clerk')],
  ];
  const anon = t.client();
  visitors.push({ label: 'anonymous', subject: { kind: 'anonymous' }, client: anon, userId: null });
  const res = t.client();
  const phone = (await resident(db())).phone;
  await res.signInResident(phone);
  visitors.push({ label: 'resident', subject: { kind: 'resident' }, client: res, userId: null });
  // Police here and grid worker in another community: in this community they are police only, so the grid line's
  // actions (assign, points, tiers, mediation) stay closed to them although a route guard sees a grid role.
  const mixed = await makeStaff(db(), { communityId: w.community.id, role: 'police' });
  const grid = await makeGrid(db(), other.id);
  const [gw] = await db().insert(staffRoles).values({ userId: mixed.user.id, communityId: other.id, role: 'grid_worker', scope: 'grids' }).returning();
  await db().insert(staffRoleGrids).values({ staffRoleId: gw.id, gridId: grid.id });
  for (const [role, inScope, login] of [...staff, ['police', true, { username: mixed.username, password: mixed.password }] as const]) {
    const c = t.client();
    const r = await c.signInStaff(login.username, login.password);
    if (r.status !== 303) throw new Error(`sign-in ${login.username}: ${r.status}`);
    const tag = login.username === mixed.username ? ', grid worker elsewhere' : '';
    visitors.push({ label: `${role} ${inScope ? 'in' : 'out'} (${login.username}${tag})`, subject: { kind: 'staff', role, inScope }, client: c, userId: await userId(login.username) });
  }
  const author = await resident(db());
  const o = await insertItem(db(), w, { authorUserId: author.id, grid: 'grid3' });
  original = { id: o.id, trackingNo: o.trackingNo };
  const [dept] = await db().select().from(departments).where(eq(departments.communityId, w.community.id)).limit(1);
  departmentId = dept.id;
});

// ---------------------------------------------------------------------------------------------------------------
// Preparing a fresh item per combination, in the state its action needs.

interface Prepared {
  itemId: number;
  /** The id in the URL: the item, or the award request for approvals. */
  urlId: number;
  requestId?: number;
  body: Record<string, string>;
}

const CATEGORY: Partial<Record<ActionSpec['name'], string>> = { mediate: 'tip.dispute', approve: 'tip.case_clue', rejectAward: 'tip.case_clue' };
const DEFAULT_AMOUNT: Record<string, number> = { 'tip.fire_hazard': 30, 'tip.case_clue': 100 };

async function prepare(spec: ActionSpec, s: Subject): Promise<Prepared> {
  const author = await resident(db());
  // Police see an item when it is police-related (or tier 3); everyone else's item is a plain grid-1 hazard report.
  const policeIn = s.kind === 'staff' && s.role === 'police' && s.inScope;
  const categoryKey = CATEGORY[spec.name] ?? (policeIn ? 'tip.case_clue' : 'tip.fire_hazard');
  const status = ({ reopen: 'resolved', departmentAnswer: 'routed', approve: 'accepted', rejectAward: 'accepted' } as const)[spec.name as string] ?? 'pending_review';
  const row = await insertItem(db(), w, { authorUserId: author.id, status, grid: 'grid1' });
  const [item] = await db().update(submissions).set({ categoryKey, policeRelated: policeIn }).where(eq(submissions.id, row.id)).returning();
  const v = { version: String(item.version) };
  switch (spec.name) {
    case 'claim': return { itemId: item.id, urlId: item.id, body: v };
    case 'assign': return { itemId: item.id, urlId: item.id, body: { ...v, assignee: String(ids.worker1) } };
    case 'reply': return { itemId: item.id, urlId: item.id, body: { ...v, visibility: 'public', body: '已联系物业,明天上午处理' } };
    case 'note': return { itemId: item.id, urlId: item.id, body: { ...v, visibility: 'private', body: '物业电话已打过' } };
    case 'reject': return { itemId: item.id, urlId: item.id, body: { ...v, reason: '经核实不属实' } };
    case 'resolve': return { itemId: item.id, urlId: item.id, body: { ...v, answer: '飞线已拆除' } };
    case 'reopen': return { itemId: item.id, urlId: item.id, body: { ...v, reason: '居民反映仍有问题' } };
    case 'route': return { itemId: item.id, urlId: item.id, body: { ...v, department: String(departmentId), note: '请派人查看' } };
    case 'departmentAnswer': {
      const [req] = await db().insert(departmentRequests).values({ submissionId: item.id, departmentId, routedBy: ids.worker1 }).returning();
      return { itemId: item.id, urlId: item.id, body: { ...v, request: String(req.id), answer: '物业已清理' } };
    }
    case 'bulkAnswer': return { itemId: item.id, urlId: item.id, body: { [`pick.${item.id}`]: String(item.version), body: '已统一处理' } };
    case 'accept': return { itemId: item.id, urlId: item.id, body: { ...v, amount: String(DEFAULT_AMOUNT[categoryKey]) } };
    case 'duplicate': return { itemId: item.id, urlId: item.id, body: { ...v, original: original.trackingNo } };
    case 'escalate': return { itemId: item.id, urlId: item.id, body: { ...v, reason: '需社区协调' } };
    case 'mediate': return { itemId: item.id, urlId: item.id, body: { ...v, tier: '1', mediatorKind: 'staff', staffId: String(ids.worker1), outcome: '双方达成一致' } };
    case 'approve':
    case 'rejectAward': {
      // worker3 accepted it above the second-approver threshold: the request waits (no subject is its requester).
      const award = await db().transaction((tx) =>
        awardPoints(tx, { communityId: w.community.id, approverUserId: ids.worker3, contribution: { kind: 'submission', submissionId: item.id }, amount: 300, note: '重要线索' }),
      );
      if (award.status !== 'pending_second_approval') throw new Error(`expected a pending award request: ${JSON.stringify(award)}`);
      return { itemId: item.id, urlId: award.requestId, requestId: award.requestId, body: spec.name === 'approve' ? {} : { reason: '线索未经核实' } };
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// What was written: the item, its audit rows, its ledger transfers, its award request.

async function snapshot(d: DbOrTx, p: Prepared) {
  const [item] = await d.select().from(submissions).where(eq(submissions.id, p.itemId));
  const [audits] = await d
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(
      sql`(${auditLog.targetType} = 'submission' AND ${auditLog.targetId} = ${String(p.itemId)})
        OR (${auditLog.targetType} = 'point_award_request' AND ${auditLog.targetId} = ${String(p.requestId ?? -1)})`,
    );
  const [transfers] = await d
    .select({ n: sql<number>`count(*)::int` })
    .from(pointTransfers)
    .where(sql`${pointTransfers.idempotencyKey} ~ ${`^award:[a-z_]+:${p.itemId}(:|$)`}`);
  const [req] = p.requestId ? await d.select().from(pointAwardRequests).where(eq(pointAwardRequests.id, p.requestId)) : [];
  const [open] = await d
    .select({ n: sql<number>`count(*)::int` })
    .from(departmentRequests)
    .where(and(eq(departmentRequests.submissionId, p.itemId), sql`${departmentRequests.answeredAt} IS NULL`));
  return { item, audits: Number(audits.n), transfers: Number(transfers.n), requestStatus: req?.status ?? null, openRequests: Number(open.n) };
}
type Snap = Awaited<ReturnType<typeof snapshot>>;

/** The action's own effect, beyond "the version moved and it was audited". */
function effect(spec: ActionSpec, before: Snap, after: Snap, actorId: number): string | null {
  const i = after.item;
  const checks: Record<ActionSpec['name'], boolean> = {
    claim: i.assignedUserId === actorId,
    assign: i.assignedUserId === ids.worker1,
    reply: i.firstAnsweredAt !== null,
    note: i.firstAnsweredAt === null,
    reject: i.status === 'rejected',
    resolve: i.status === 'resolved',
    reopen: i.status === 'in_progress',
    route: i.status === 'routed',
    departmentAnswer: after.openRequests === before.openRequests - 1,
    bulkAnswer: i.firstAnsweredAt !== null,
    accept: i.status === 'accepted' && after.transfers === 1,
    duplicate: i.status === 'duplicate' && i.duplicateOfId === original.id,
    escalate: i.tier === 2,
    mediate: i.status === 'resolved' && i.settledTier === 1,
    approve: after.requestStatus === 'paid' && after.transfers === 1,
    rejectAward: after.requestStatus === 'rejected' && after.transfers === 0,
  };
  if (!checks[spec.name]) return `${spec.name} did not take effect`;
  const itemAction = !['approve', 'rejectAward'].includes(spec.name);
  if (itemAction && i.version <= before.item.version) return 'version did not move';
  if (after.audits <= before.audits) return 'no audit row';
  return null;
}

function statusMatches(want: Expected, res: Response): boolean {
  if (want === 'signin') return res.status === 303 && (res.headers.get('location') ?? '').startsWith('/staff/login');
  if (want === 'ok') return res.status >= 200 && res.status < 400 && !(res.headers.get('location') ?? '').startsWith('/staff/login');
  return res.status === want;
}

const describeStatus = (res: Response) => `${res.status}${res.headers.get('location') ? ` → ${res.headers.get('location')}` : ''}`;

async function inBatches<T>(items: T[], n: number, run: (x: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(Array.from({ length: n }, async () => {
    for (let x = queue.shift(); x !== undefined; x = queue.shift()) await run(x);
  }));
}

// ---------------------------------------------------------------------------------------------------------------

const CONSOLE_POST = /^\/staff\/(items|approvals)\/:id\/[^/]+$/;

describe('console permissions, from the route table', () => {
  it('the SPEC covers exactly the unsafe console routes the app has', () => {
    const routes = new Set(t.app.routes.filter((r) => r.method === 'POST' && CONSOLE_POST.test(r.path)).map((r) => r.path));
    // Any other unsafe method on these paths would escape the table as well.
    const others = t.app.routes.filter((r) => !['GET', 'POST', 'ALL'].includes(r.method) && /^\/staff\/(items|approvals)\//.test(r.path));
    expect(others.map((r) => `${r.method} ${r.path}`)).toEqual([]);
    const specRoutes = new Set(SPEC.map((s) => s.route));
    expect([...routes].filter((r) => !specRoutes.has(r)), 'routes the permission SPEC does not cover').toEqual([]);
    expect([...specRoutes].filter((r) => !routes.has(r)), 'SPEC entries with no route').toEqual([]);
    expect(routes.size).toBeGreaterThanOrEqual(14);
  });

  it('every action × every visitor, in and out of scope, gets the expected answer; refusals write nothing', async () => {
    const combos = SPEC.flatMap((spec) => visitors.map((v) => ({ spec, v })));
    const failures: string[] = [];
    const tally: Record<string, number> = {};
    await inBatches(combos, 6, async ({ spec, v }) => {
      const want = expected(spec, v.subject);
      const p = await prepare(spec, v.subject);
      const before = await snapshot(db(), p);
      const res = await v.client.post(spec.route.replace(':id', String(p.urlId)), p.body);
      await res.arrayBuffer();
      const after = await snapshot(db(), p);
      const where = `${spec.name} as ${v.label}: expected ${want}, got ${describeStatus(res)}`;
      tally[String(want)] = (tally[String(want)] ?? 0) + 1;
      if (!statusMatches(want, res)) return void failures.push(where);
      if (want === 'ok') {
        const why = effect(spec, before, after, v.userId!);
        if (why) failures.push(`${where}: ${why}`);
        return;
      }
      const wrote = [
        after.item.version !== before.item.version && 'item version changed',
        after.item.status !== before.item.status && 'item status changed',
        after.audits !== before.audits && 'audit row written',
        after.transfers !== before.transfers && 'ledger transfer written',
        after.requestStatus !== before.requestStatus && 'award request decided',
        after.openRequests !== before.openRequests && 'department request answered',
      ].filter(Boolean);
      if (wrote.length) failures.push(`${where}: refused but ${wrote.join(', ')}`);
    });
    console.log(`console permissions: ${combos.length} combinations checked (${SPEC.length} actions × ${visitors.length} visitors):`, tally);
    expect(failures).toEqual([]);
    expect(combos.length).toBe(SPEC.length * visitors.length);
  });

  it('a missing id is answered like an item out of scope, so the answer never tells whether an item exists', async () => {
    const failures: string[] = [];
    const staffVisitors = visitors.filter((v) => v.subject.kind === 'staff' && !v.subject.inScope);
    let n = 0;
    await inBatches(SPEC.flatMap((spec) => staffVisitors.map((v) => ({ spec, v }))), 6, async ({ spec, v }) => {
      n++;
      const want = expected(spec, v.subject);
      // Every field any action reads, valid: only the missing id can be the reason for the answer.
      const body = {
        version: '0', body: '已处理', reason: '理由', answer: '好了', amount: '30', assignee: String(ids.worker1), department: String(departmentId),
        request: '1', original: original.trackingNo, tier: '1', mediatorKind: 'staff', staffId: String(ids.worker1), outcome: '已调解', 'pick.999999999': '0',
      };
      const res = await v.client.post(spec.route.replace(':id', '999999999'), body);
      await res.arrayBuffer();
      if (res.status !== want) failures.push(`${spec.name} as ${v.label} on a missing id: expected ${want}, got ${describeStatus(res)}`);
    });
    console.log(`console permissions: ${n} missing-id combinations checked`);
    expect(failures).toEqual([]);
  });
});
