// District-scale data for the reads bench, written with COPY into a database of its own (anlin_bench_district) that
// later runs reuse: 20 communities, 300 grids, 3,000 buildings, 1,000,000 residents, 1,000,000 submissions over a
// year and 10,000,000 ledger transfers (awards from each community's fund), balances and budget included, so the
// ledger reconciles. BENCH_DISTRICT_SCALE=0.01 makes a small one (its own database name). Patrol shifts and
// redemptions are not generated: their tables are not in this branch yet.
import postgres from 'postgres';
import { loadDemoFixture } from '../../../src/cli/seed-data/demo';
import { openDatabase, type Database } from '../../../src/db/client';
import { migrateDatabase } from '../../../src/db/migrate';
import { importRuleSet } from '../../../src/domain/rules/import-rule-set';
import { copyRows } from './copy';

// 2: the migrations were renumbered when the branches merged, so a database generated under the old numbering is rebuilt.
const VERSION = 2;
export const COMMUNITIES = 20;
export const GRIDS_PER_COMMUNITY = 15;
const BUILDINGS_PER_GRID = 10;
const DAY = 86_400_000;

export interface District {
  database: Database;
  url: string;
  scale: number;
  residents: number;
  submissions: number;
  transfers: number;
  /** Resident account id of resident n (1-based), and that resident's user id. */
  residentUser: (n: number) => number;
  generatedSeconds: number | null;
}

const STAFF = COMMUNITIES * (GRIDS_PER_COMMUNITY + 1);
const residentUser = (n: number) => STAFF + n;
const residentAccount = (n: number) => 2 * COMMUNITIES + n;
const communityOfResident = (n: number) => (n % COMMUNITIES) + 1;

export async function openDistrict(): Promise<District> {
  const scale = Number(process.env.BENCH_DISTRICT_SCALE ?? 1);
  const residents = Math.round(1_000_000 * scale);
  const subs = Math.round(1_000_000 * scale);
  const transfers = Math.round(10_000_000 * scale);
  const name = scale === 1 ? 'anlin_bench_district' : `anlin_bench_district_${String(scale).replace('.', '_')}`;
  const base = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const u = new URL(base);
  u.pathname = `/${name}`;
  const url = u.toString();
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  const exists = (await admin`select 1 from pg_database where datname = ${name}`).length > 0;
  let reuse = false;
  if (exists) {
    const probe = postgres(url, { max: 1, onnotice: () => {} });
    const meta = await probe`select version, scale from bench_district_meta`.catch(() => []);
    await probe.end();
    reuse = meta.length === 1 && Number(meta[0].version) === VERSION && Number(meta[0].scale) === scale;
    if (!reuse) await admin.unsafe(`drop database "${name}" with (force)`);
  }
  if (!reuse) await admin.unsafe(`create database "${name}"`);
  await admin.end();
  let database = await openDatabase({ url, dataDir: '/tmp' });
  try {
    await migrateDatabase(database, url); // a reused database still gets migrations added since
  } catch (err) {
    if (!reuse) throw err;
    // Migrations renumbered at a merge re-create what the reused database already has: start it over.
    await database.close();
    const again = postgres(base, { max: 1, onnotice: () => {} });
    await again.unsafe(`drop database "${name}" with (force)`);
    await again.unsafe(`create database "${name}"`);
    await again.end();
    reuse = false;
    database = await openDatabase({ url, dataDir: '/tmp' });
    await migrateDatabase(database, url);
  }
  let generatedSeconds: number | null = null;
  if (!reuse) {
    const t0 = performance.now();
    await generate(database, url, { residents, subs, transfers, scale });
    generatedSeconds = Math.round((performance.now() - t0) / 1000);
  }
  return { database, url, scale, residents, submissions: subs, transfers, residentUser, generatedSeconds };
}

async function generate(database: Database, url: string, n: { residents: number; subs: number; transfers: number; scale: number }) {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connection: { statement_timeout: 0 } });
  // Generated rows are consistent by construction: skip the per-row foreign-key triggers (30,000,000 lookups for the
  // transfers alone) where the role may (a superuser, as on the bench machine); elsewhere they simply run.
  await sql`set session_replication_role = replica`.catch(() => {});
  const fixture = loadDemoFixture();
  const C = COMMUNITIES;
  const G = C * GRIDS_PER_COMMUNITY;
  await sql`insert into communities (id, code, name, district) select g, (320113000000 + g)::text, '压测社区' || g, '栖霞区' from generate_series(1, ${C}) g`;
  await sql`insert into grids (id, community_id, code, name, households)
            select g, (g - 1) / ${GRIDS_PER_COMMUNITY} + 1, (320113000000000 + g)::text, '网格' || g, 250 from generate_series(1, ${G}) g`;
  await sql`insert into places (id, community_id, kind, name, grid_id, floors, units)
            select p, ((p - 1) / ${BUILDINGS_PER_GRID}) / ${GRIDS_PER_COMMUNITY} + 1, 'building', ((p - 1) % ${BUILDINGS_PER_GRID} + 1) || '栋', (p - 1) / ${BUILDINGS_PER_GRID} + 1, 18, 4
              from generate_series(1, ${G * BUILDINGS_PER_GRID}) p`;
  // Staff: a grid worker per grid (user = grid id), a community admin per community (user = G + community id).
  await sql`insert into users (id, kind, username, display_name) select u, 'staff', 'bench.staff.' || u, '压测员工' || u from generate_series(1, ${STAFF}) u`;
  await sql`insert into staff_roles (user_id, community_id, role, scope) select g, (g - 1) / ${GRIDS_PER_COMMUNITY} + 1, 'grid_worker', 'grids' from generate_series(1, ${G}) g`;
  await sql`insert into staff_role_grids (staff_role_id, grid_id) select r.id, r.user_id from staff_roles r where r.role = 'grid_worker'`;
  await sql`insert into staff_roles (user_id, community_id, role, scope) select ${G} + c, c, 'community_admin', 'community' from generate_series(1, ${C}) c`;
  const ruleSet: number[] = [];
  for (let c = 1; c <= C; c++) ruleSet[c] = (await importRuleSet(database.db, { communityId: c, effectiveFrom: '2025-01-01', body: fixture.incentive_rules })).id;
  const categories = (fixture.incentive_rules as { categories: { key: string; kind: string }[] }).categories.filter((k) => k.kind === 'tip').map((k) => k.key);

  await copyRows(sql, 'users', ['id', 'kind', 'phone', 'display_name'], n.residents, (i) => [residentUser(i + 1), 'resident', `13${String(i + 1).padStart(9, '0')}`, '居民']);

  const now = Date.now();
  const period = new Date(now + 8 * 3600_000).toISOString().slice(0, 7);
  await sql`insert into point_accounts (id, community_id, kind) select c, c, 'budget' from generate_series(1, ${C}) c`;
  await sql`insert into point_accounts (id, community_id, kind, period) select ${C} + c, c, 'fund', ${period} from generate_series(1, ${C}) c`;
  await sql`insert into point_accounts (id, community_id, kind, owner_user_id)
            select ${2 * C} + r, (r % ${C}) + 1, 'resident', ${STAFF} + r from generate_series(1, ${n.residents}) r`;

  const WHAT = ['楼道灯不亮', '消防通道被杂物堵住', '电瓶车在楼道飞线充电', '井盖松动有响声', '垃圾桶满了没人清', '电梯按钮失灵', '单元门禁刷不开', '路灯晚上不亮', '水管漏水到楼下', '灭火器过期没换'];
  const OPEN = ['received', 'pending_review', 'accepted', 'in_progress'];
  await copyRows(
    sql,
    'submissions',
    ['id', 'community_id', 'tracking_no', 'kind', 'category_key', 'rule_set_id', 'description', 'place_id', 'grid_id', 'author_user_id', 'status', 'idempotency_key', 'created_at', 'updated_at', 'sla_due_at'],
    n.subs,
    (i) => {
      const r = ((i * 7919) % n.residents) + 1;
      const c = communityOfResident(r);
      const grid = (c - 1) * GRIDS_PER_COMMUNITY + (i % GRIDS_PER_COMMUNITY) + 1;
      const place = (grid - 1) * BUILDINGS_PER_GRID + (i % BUILDINGS_PER_GRID) + 1;
      const created = new Date(now - ((i * 104729) % (365 * DAY)));
      // Most of a year's items are settled; the recent ones are still open.
      const open = now - created.getTime() < 10 * DAY;
      const status = open ? OPEN[i % OPEN.length] : i % 20 === 0 ? 'rejected' : 'resolved';
      const iso = created.toISOString();
      return [i + 1, c, `D${String(i + 1).padStart(9, '0')}`, 'tip', categories[i % categories.length], ruleSet[c], `${(i % 30) + 1}栋${(i % 4) + 1}单元${WHAT[i % WHAT.length]}`, place, grid, residentUser(r), status, `g${i}`, iso, iso, new Date(created.getTime() + 72 * 3600_000).toISOString()];
    },
  );

  // Awards from each community's fund to its residents, spread over the year; 10 per resident on average.
  await copyRows(sql, 'point_transfers', ['id', 'community_id', 'kind', 'from_account_id', 'to_account_id', 'amount', 'idempotency_key', 'reason', 'created_at'], n.transfers, (i) => {
    const r = ((i * 104723) % n.residents) + 1;
    const c = communityOfResident(r);
    return [i + 1, c, 'award', C + c, residentAccount(r), (i % 50) + 1, `gen:${i}`, '{"rule":"bench"}', new Date(now - ((i * 7919) % (365 * DAY))).toISOString()];
  });
  // Balances from the transfers; each fund was given its total plus a remainder by one budget transfer.
  await sql`update point_accounts a set balance = s.total from (select to_account_id, sum(amount) as total from point_transfers group by 1) s where a.id = s.to_account_id`;
  await sql`insert into point_transfers (id, community_id, kind, from_account_id, to_account_id, amount, idempotency_key, reason)
            select ${n.transfers} + c, c, 'budget', c, ${C} + c, coalesce((select sum(amount) from point_transfers t where t.from_account_id = ${C} + c), 0) + 1000000,
                   'gen:budget:' || c, '{"rule":"bench"}' from generate_series(1, ${C}) c`;
  await sql`update point_accounts a set balance = case when a.kind = 'fund' then 1000000 else -(select amount from point_transfers t where t.idempotency_key = 'gen:budget:' || a.community_id) end
            where a.kind in ('fund', 'budget')`;
  for (const t of ['users', 'communities', 'grids', 'places', 'point_accounts', 'point_transfers', 'submissions']) {
    await sql.unsafe(`select setval(pg_get_serial_sequence('${t}', 'id'), (select max(id) from ${t}))`);
  }
  await sql`vacuum analyze`;
  await sql`create table bench_district_meta (version int not null, scale real not null, generated_at timestamptz not null default now())`;
  await sql`insert into bench_district_meta (version, scale) values (${VERSION}, ${n.scale})`;
  await sql.end();
}
