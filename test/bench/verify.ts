// Verification jobs per second end to end through BullMQ: N tips inserted with their outbox rows, dispatched, and
// timed until every one reaches 待审核 — against a no-op BullMQ job (diagnostics.echo, delay 0) through the same
// outbox, runtime and worker concurrency, measured in the same run. Measured twice: with 2,000 and with 200,000
// prior items (spread over a year, as a district's history is), to show the cost per item does not grow with it.
import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import type { Db } from '../../src/db/client';
import { communities, grids, jobOutbox, places, ruleSets, submissions, users } from '../../src/db/schema';
import { seedDemo } from '../../src/cli/seed-data/demo';
import { generateResidents } from '../../src/domain/places/generate-residents';
import { query } from '../../src/domain/points/ledger-sql';
import { MAX_ITEMS_PER_HOUR } from '../../src/domain/verification/resident-burst';
import { createMetrics } from '../../src/infra/metrics';
import { createBullmqRuntime } from '../../src/jobs/bullmq-runtime';
import { buildRegistry } from '../../src/jobs/registry';
import type { JobRuntime } from '../../src/jobs/runtime';
import { createLogger } from '../../src/logger';
import { result } from './format';
import { withTempDatabase } from './temp-db';

const N = Number(process.env.BENCH_VERIFY_N ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const PER_AUTHOR = Math.min(5, MAX_ITEMS_PER_HOUR);
const WHAT = ['楼道灯不亮', '消防通道被杂物堵住', '电瓶车在楼道飞线充电', '井盖松动有响声', '垃圾桶满了没人清', '电梯按钮失灵', '单元门禁刷不开', '路灯晚上不亮很黑', '水管漏水到楼下', '灭火器过期没换'];

async function insertReceived(db: Db, n: number) {
  const [community] = await db.select().from(communities).limit(1);
  const [rules] = await db.select().from(ruleSets).where(eq(ruleSets.communityId, community.id));
  await generateResidents(db, { communityId: community.id, count: Math.ceil(n / PER_AUTHOR) });
  const authors = await db.select({ id: users.id }).from(users).where(eq(users.kind, 'resident'));
  const buildings = await db
    .select({ placeId: places.id, gridId: places.gridId })
    .from(places)
    .innerJoin(grids, eq(grids.id, places.gridId))
    .where(and(eq(places.communityId, community.id), eq(places.kind, 'building')));
  const ids: number[] = [];
  for (let i = 0; i < n; i += 500) {
    const rows = Array.from({ length: Math.min(500, n - i) }, (_, k) => {
      const j = i + k;
      const b = buildings[j % buildings.length];
      const tag = randomBytes(6).toString('hex');
      return {
        communityId: community.id, trackingNo: `BV-${tag}`, kind: 'tip' as const, categoryKey: 'tip.fire_hazard', ruleSetId: rules.id,
        description: `${(j % 30) + 1}栋${(j % 4) + 1}单元${WHAT[j % WHAT.length]},第${j}次反映`, placeId: b.placeId, gridId: b.gridId,
        authorUserId: authors[Math.floor(j / PER_AUTHOR) % authors.length].id, idempotencyKey: tag,
      };
    });
    const made = await db.insert(submissions).values(rows).returning({ id: submissions.id });
    const outbox = await db
      .insert(jobOutbox)
      .values(made.map((m) => ({ name: 'submission.verify', payload: { submissionId: m.id } })))
      .returning({ id: jobOutbox.id });
    ids.push(...outbox.map((o) => o.id));
  }
  return ids;
}

const PRIOR = Number(process.env.BENCH_VERIFY_PRIOR ?? 200_000);
/** Items a community files per day (a busy one: ~1,000 a week). */
const PER_DAY = 150;

/**
 * History: `n` already-verified tips at the community's buildings, in one statement, at a steady PER_DAY going back
 * from the oldest item so far: a longer history, not a busier fortnight (the duplicate window sees the same few).
 */
async function insertPrior(db: Db, n: number) {
  const [community] = await db.select().from(communities).limit(1);
  const [rules] = await db.select().from(ruleSets).where(eq(ruleSets.communityId, community.id));
  const buildings = await db.select({ placeId: places.id, gridId: places.gridId }).from(places).where(and(eq(places.communityId, community.id), eq(places.kind, 'building')));
  const [author] = await db.select({ id: users.id }).from(users).orderBy(users.id).limit(1);
  const arr = (xs: unknown[]) => `{${xs.join(',')}}`;
  const [{ oldest }] = await query<{ oldest: string }>(db, sql`select coalesce(min(created_at), now())::text as oldest from submissions`);
  // In chunks: each statement stays well inside the client's 30 s statement timeout on a loaded machine.
  for (let done = 0; done < n; done += 10_000) await db.execute(sql`
    insert into submissions (community_id, tracking_no, kind, category_key, rule_set_id, description, place_id, grid_id, author_user_id, idempotency_key, status, created_at)
    select ${community.id}, 'BP-' || md5(random()::text), 'tip', 'tip.fire_hazard', ${rules.id},
           ((g % 30) + 1) || '栋' || ((g % 4) + 1) || '单元' || (${arr(WHAT)}::text[])[1 + g % ${WHAT.length}] || ',' || (${arr(MORE)}::text[])[1 + (g / 7) % ${MORE.length}] || g,
           (${arr(buildings.map((b) => b.placeId))}::int[])[1 + g % ${buildings.length}], (${arr(buildings.map((b) => b.gridId))}::int[])[1 + g % ${buildings.length}],
           ${author.id}, md5(random()::text), 'pending_review',
           ${oldest}::timestamptz - interval '1 second' * (g * 86400.0 / ${PER_DAY})
      from generate_series(${done + 1}::int, ${Math.min(n, done + 10_000)}::int) g`);
  await db.execute(sql`analyze submissions`);
}
const MORE = ['已经好几天了', '晚上尤其明显', '老人小孩经过很危险', '希望尽快处理', '之前反映过一次', '物业说会来看', '邻居都很着急', '下雨天更严重'];

async function echoRows(db: Db, n: number) {
  const ids: number[] = [];
  for (let i = 0; i < n; i += 1000) {
    const made = await db
      .insert(jobOutbox)
      .values(Array.from({ length: Math.min(1000, n - i) }, () => ({ name: 'diagnostics.echo', payload: { message: 'bench', delayMs: 0 } })))
      .returning({ id: jobOutbox.id });
    ids.push(...made.map((m) => m.id));
  }
  return ids;
}

/** Dispatches the rows and returns jobs per second until every one is done in the outbox. */
async function run(db: Db, jobs: JobRuntime, ids: number[]) {
  const started = performance.now();
  for (let i = 0; i < ids.length; i += 500) await jobs.dispatch(ids.slice(i, i + 500));
  for (;;) {
    const [r] = await query<{ n: string }>(db, sql`select count(*) as n from job_outbox where status = 'done' and id = any(${`{${ids.join(',')}}`}::bigint[])`);
    if (Number(r.n) === ids.length) break;
    await new Promise((res) => setTimeout(res, 20));
  }
  return ids.length / ((performance.now() - started) / 1000);
}

export async function benchVerify() {
  return withTempDatabase(async (database) => {
    const db = database.db;
    await seedDemo(database, { residents: 0 });
    const url = new URL(process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const connection = { host: url.hostname, port: Number(url.port || 6379) };
    const prefix = `bench-verify-${randomBytes(4).toString('hex')}`;
    const jobs = createBullmqRuntime(
      { db, logger: createLogger('silent'), metrics: createMetrics(), registry: buildRegistry() },
      { connection, prefix, concurrency: CONCURRENCY, lockDurationMs: 30_000 },
    );
    const redis = new Redis({ ...connection, maxRetriesPerRequest: 2 });
    try {
      await jobs.startWorkers();
      await run(db, jobs, await echoRows(db, 300)); // warm-up: connections, prepared statements, the worker loop
      const baseline = await run(db, jobs, await echoRows(db, N));
      await insertPrior(db, 2000);
      const small = await run(db, jobs, await insertReceived(db, N));
      await insertPrior(db, PRIOR - 2000);
      const verify = await run(db, jobs, await insertReceived(db, N));
      const [states] = await query<{ pending: string; other: string }>(
        db,
        sql`select count(*) filter (where status = 'pending_review') as pending, count(*) filter (where status <> 'pending_review') as other from submissions`,
      );
      const dup = await db.select({ n: sql<number>`count(*)` }).from(submissions).where(sql`${submissions.probableDuplicateOfId} is not null`);
      const ratio = Number((verify / baseline).toFixed(3));
      const flat = Number((verify / small).toFixed(3));
      return [
        result({
          scenario: 'verify', value: Math.round(verify), unit: 'jobs/s', baseline: Math.round(baseline), ratio, target: 'ratio>=0.5 && flat>=0.8', ok: ratio >= 0.5 && flat >= 0.8,
          detail: { n: N, prior_items: PRIOR, jobs_per_s_at_2000_prior: Math.round(small), flat_200k_vs_2k: flat, concurrency: CONCURRENCY, pending_review: Number(states.pending), not_pending: Number(states.other), probable_duplicates: Number(dup[0].n), baseline_is: 'no-op BullMQ job (diagnostics.echo)' },
        }),
      ];    } finally {
      await jobs.close(5000);
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
        cursor = next;
        if (keys.length) await redis.unlink(...keys);
      } while (cursor !== '0');
      redis.disconnect();
    }
  });
}
