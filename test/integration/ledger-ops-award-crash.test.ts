// Must show: a worker process killed (SIGKILL) in the middle of awarding, then restarted → every award exactly once.
// 300 points.award jobs through the outbox and BullMQ into a real `--worker` process; kill -9 once some but not all
// are paid; start a new worker; wait: exactly 300 award transfers, no duplicate keys, the ledger's invariants hold.
import { sql } from 'drizzle-orm';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMetrics } from '../../src/infra/metrics';
import { createBullmqRuntime } from '../../src/jobs/bullmq-runtime';
import { recordJob } from '../../src/infra/jobs/record-job';
import { buildRegistry } from '../../src/jobs/registry';
import { query } from '../../src/domain/points/ledger-sql';
import { createLogger } from '../../src/logger';
import { flushPrefix, testRedisUrl, uniquePrefix, useTestDatabase } from '../helpers/db';
import { ledgerInvariants, makePointsWorld, makeSubmissions } from '../helpers/points';
import { pollUntil, spawnApp, type AppProcess } from '../helpers/processes';

vi.setConfig({ testTimeout: 180_000 });

const N = 300;
const tdb = useTestDatabase();
const prefix = uniquePrefix('awardcrash');
const procs: AppProcess[] = [];
let redis: Redis;
beforeAll(() => {
  redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  await Promise.all(procs.map((p) => p.stop(3000)));
  await flushPrefix(redis, prefix);
  redis.disconnect();
});

const worker = (name: string) => {
  const p = spawnApp({
    name,
    args: ['--worker'],
    env: { DATABASE_URL: tdb.url, REDIS_URL: testRedisUrl(), QUEUE_PREFIX: prefix, WORKER_CONCURRENCY: '4', WORKER_LOCK_MS: '2000' },
  });
  procs.push(p);
  return p;
};

const counts = async (communityId: number) => {
  const [r] = await query<{ paid: string; done: string; retried: string }>(
    tdb.db,
    sql`select (select count(*) from point_transfers where community_id = ${communityId} and kind = 'award') as paid,
               (select count(*) from job_outbox where name = 'points.award' and status = 'done') as done,
               (select count(*) from job_outbox where name = 'points.award' and attempts >= 2) as retried`,
  );
  return { paid: Number(r.paid), done: Number(r.done), retried: Number(r.retried) };
};

describe('points.award with a worker killed mid-run', () => {
  it('pays every award exactly once after a restart', async () => {
    const w = await makePointsWorld(tdb.db, {
      residents: 30,
      rules: (r) => {
        r.caps.per_resident_per_day = 100_000;
        r.caps.per_resident_per_month = 100_000;
        r.budget.points = 10_000_000;
        r.second_approver_above = 100_000;
      },
    });
    const subs = await makeSubmissions(
      tdb.db,
      Array.from({ length: N }, (_, i) => ({ communityId: w.community.id, authorUserId: w.residents[i % 30].id, ruleSetId: w.ruleSet.id })),
    );
    const ids = await tdb.db.transaction(async (tx) => {
      const out: number[] = [];
      for (const s of subs) {
        const contribution = { kind: 'submission', submissionId: s.id } as const;
        out.push(await recordJob(tx, 'points.award', { communityId: w.community.id, approverUserId: w.approver.id, contribution }, { dedupeKey: `award:submission:${s.id}` }));
      }
      return out;
    });

    const first = worker('worker-a');
    await first.waitForOutput(/worker started/, 30_000);
    const url = new URL(testRedisUrl());
    const connection = { host: url.hostname, port: Number(url.port || 6379) };
    const producer = createBullmqRuntime(
      { db: tdb.db, logger: createLogger('silent'), metrics: createMetrics(), registry: buildRegistry() },
      { connection, prefix, concurrency: 1, lockDurationMs: 2000 },
    );
    const queue = new Queue('main', { connection, prefix });
    try {
      await producer.dispatch(ids);

      // Some paid, but not all: kill -9 while the worker is busy.
      await pollUntil('some awards to be paid', async () => (await counts(w.community.id)).paid >= 20, 60_000, 10);
      const active = await queue.getJobCounts('active');
      first.child.kill('SIGKILL');
      expect(await first.waitForExit(10_000)).toMatchObject({ signal: 'SIGKILL' });
      const atKill = await counts(w.community.id);
      expect(atKill.paid).toBeGreaterThanOrEqual(20);
      expect(atKill.paid).toBeLessThan(N);

      const second = worker('worker-b');
      await second.waitForOutput(/worker started/, 30_000);
      const final = await pollUntil('every award job to be done', async () => {
        const c = await counts(w.community.id);
        return c.done === N && c;
      }, 120_000, 200);

      expect(final.paid).toBe(N);
      const [keys] = await query<{ n: string; distinct_keys: string }>(
        tdb.db,
        sql`select count(*) as n, count(distinct idempotency_key) as distinct_keys from point_transfers where community_id = ${w.community.id} and kind = 'award'`,
      );
      expect({ n: Number(keys.n), distinct: Number(keys.distinct_keys) }).toEqual({ n: N, distinct: N });
      const inv = await ledgerInvariants(tdb.db, w.community.id);
      expect(inv).toMatchObject({ differences: [], totalOfBalances: 0, negatives: 0, duplicateKeys: 0, multiSettled: 0 });
      expect(inv.fundMin).toBeGreaterThanOrEqual(0);
      // Each resident got exactly its ten awards' worth.
      const perResident = await query<{ balance: string }>(tdb.db, sql`select balance from point_accounts where community_id = ${w.community.id} and kind = 'resident'`);
      expect(perResident).toHaveLength(30);
      const amount = Number((await query<{ a: string }>(tdb.db, sql`select min(amount) as a from point_transfers where kind = 'award' and community_id = ${w.community.id}`))[0].a);
      expect(new Set(perResident.map((r) => Number(r.balance)))).toEqual(new Set([10 * amount]));
      console.info(`award crash: ${atKill.paid}/${N} paid at SIGKILL (${active.active ?? 0} jobs active); ${final.retried} jobs re-run after the restart; ${final.paid} transfers in the end`);
    } finally {
      await producer.close(1000);
      await queue.close();
    }
  });
});
