// Awards per second through awardPoints (rules, caps, fund, lot, audit, one transaction) vs raw postgres.js
// transactions doing one insert + one update, measured in the same run on the same database.
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client';
import { users } from '../../src/db/schema';
import { awardPoints } from '../../src/domain/points/award-points';
import { query } from '../../src/domain/points/ledger-sql';
import { generateResidents } from '../../src/domain/places/generate-residents';
import { makeCommunity, makeStaff } from '../helpers/builders';
import { makeRuleSet, makeSubmissions } from '../helpers/points';
import { result } from './format';
import { withTempDatabase } from './temp-db';

const N = 3000;
const WARM = 300;
/** BENCH_CONCURRENCY=1 measures round trips alone; 8 adds contention (the fund, the CPU). */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

async function timed(n: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < n) await fn(next++);
    }),
  );
  return n / ((performance.now() - started) / 1000);
}

/** One resident and one accepted tip per award, so the day cap never refuses; a budget large enough for the run. */
async function setup(db: Db) {
  const community = await makeCommunity(db);
  const rules = await makeRuleSet(db, community.id, (r) => void (r.budget.points = 100_000_000));
  const approver = (await makeStaff(db, { communityId: community.id, role: 'grid_worker' })).user;
  const total = 2 * (N + WARM);
  await generateResidents(db, { communityId: community.id, count: total });
  const residents = await db.select({ id: users.id }).from(users).where(sql`kind = 'resident'`).orderBy(users.id);
  const subs = [];
  for (let i = 0; i < total; i += 1000) {
    subs.push(
      ...(await makeSubmissions(db, residents.slice(i, i + 1000).map((r) => ({ communityId: community.id, authorUserId: r.id, ruleSetId: rules.id })))),
    );
  }
  return { community, approver, residents, subs };
}

export async function benchLedger() {
  return withTempDatabase(async (database, url) => {
    const db = database.db;
    const w = await setup(db);
    // Residents who already have an account (the usual case; a resident's first award also creates it: one more round trip).
    await db.execute(sql`insert into point_accounts (community_id, kind, owner_user_id)
      select ${w.community.id}, 'resident', id from users where kind = 'resident'`);
    const award = (i: number) =>
      awardPoints(db, { communityId: w.community.id, approverUserId: w.approver.id, contribution: { kind: 'submission', submissionId: w.subs[i].id } });
    await timed(WARM, award); // warm-up: also opens the period's fund

    // Baseline: what any ledger write costs at least — a transaction inserting one transfer-shaped row (same indexes)
    // and updating one balance.
    await db.execute(sql`create table bench_transfers (like point_transfers including defaults including constraints including indexes)`);
    const accountRows = await query<{ id: number }>(db, sql`select a.id from point_accounts a where a.kind = 'resident' order by a.owner_user_id`);
    const accounts = accountRows.slice(N + WARM).map((r) => Number(r.id));
    const [fund] = await query<{ id: number }>(db, sql`select id from point_accounts where community_id = ${w.community.id} and kind = 'fund' limit 1`);
    const raw = postgres(url, { max: 10, onnotice: () => {} });
    const one = (i: number) =>
      raw.begin(async (tx) => {
        await tx`insert into bench_transfers (community_id, kind, from_account_id, to_account_id, amount, idempotency_key, reason)
                 values (${w.community.id}, 'award', ${fund.id}, ${accounts[i]}, 30, ${`baseline:${i}`}, ${'{"rule":"x"}'}::jsonb)`;
        await tx`update point_accounts set balance = balance + 30 where id = ${accounts[i]}`;
      });
    await timed(WARM, (i) => one(i)); // warm the raw client's connections and prepared statements
    await raw`truncate bench_transfers`;
    // WAL per operation: commits wait for WAL flushes, so bytes written per transaction bound throughput on slow disks.
    const lsn = async () => (await raw`select pg_current_wal_lsn()::text as l`)[0].l as string;
    const walBytes = async (from: string) => Number((await raw`select pg_wal_lsn_diff(pg_current_wal_lsn(), ${from}::pg_lsn) as d`)[0].d);
    const c0 = process.cpuUsage();
    const w0 = await lsn();
    const baseline = await timed(N, one);
    const wal0 = await walBytes(w0);
    const c1 = process.cpuUsage(c0);
    const c2 = process.cpuUsage();
    const w1 = await lsn();
    const domain = await timed(N, (i) => award(WARM + i));
    const wal1 = await walBytes(w1);
    const c3 = process.cpuUsage(c2);
    const cpu = (c: NodeJS.CpuUsage) => Math.round((c.user + c.system) / N);
    await raw.end();
    const [check] = await query<{ n: string }>(db, sql`select count(*) as n from point_transfers where kind = 'award'`);
    const ratio = Number((domain / baseline).toFixed(3));
    return [
      result({
        scenario: 'award', value: Math.round(domain), unit: 'awards/s', baseline: Math.round(baseline), ratio, target: 'ratio>=0.8', ok: ratio >= 0.8,
        detail: {
          concurrency: CONCURRENCY, awards: Number(check.n), node_cpu_us_per_award: cpu(c3), wal_bytes_per_award: Math.round(wal1 / N),
          baseline_is: 'raw insert+update transaction', baseline_node_cpu_us: cpu(c1), baseline_wal_bytes: Math.round(wal0 / N),
        },
      }),
    ];  });
}
