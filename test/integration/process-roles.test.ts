// Real processes: `--web` and `--worker` split over one Postgres and one Redis, concurrent migration of an empty
// database, and the no-Redis modes (in-process jobs; split roles sharing work through the outbox table).
import { readFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client';
import { MIGRATIONS_DIR } from '../../src/db/migrate';
import { jobOutbox } from '../../src/db/schema';
import { recordJob } from '../../src/infra/jobs/record-job';
import { makeCommunity, makeStaff } from '../helpers/builders';
import { cloneTemplateDatabase, flushPrefix, testRedisUrl, uniquePrefix, type ClonedDatabase } from '../helpers/db';
import { createEmptyDatabase, freePort, pollUntil, spawnApp, waitHealthy, type AppProcess } from '../helpers/processes';

vi.setConfig({ testTimeout: 45_000 });

const procs: AppProcess[] = [];
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  await Promise.all(procs.map((p) => p.stop(3000)));
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

function start(name: string, args: string[], env: Record<string, string | undefined>) {
  const p = spawnApp({ name, args, env });
  procs.push(p);
  return p;
}

async function database(url: string): Promise<Database> {
  const d = await openDatabase({ url, dataDir: 'unused', max: 2 });
  cleanups.push(() => d.close());
  return d;
}

async function clone(): Promise<ClonedDatabase> {
  const c = await cloneTemplateDatabase();
  cleanups.push(() => c.drop());
  return c;
}

function prefix(name: string): string {
  const p = uniquePrefix(name);
  cleanups.push(async () => {
    const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
    try {
      await flushPrefix(redis, p);
    } finally {
      redis.disconnect();
    }
  });
  return p;
}

async function outboxRow(db: Database['db'], id: number) {
  const [row] = await db.select().from(jobOutbox).where(eq(jobOutbox.id, id));
  return row;
}

/** Signs a staff member in through the real login form; returns the session cookie. */
async function staffCookie(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/staff/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: url },
    body: new URLSearchParams({ username, password, next: '/admin' }).toString(),
  });
  expect(res.status).toBe(303);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

describe('web and worker as separate processes (DATABASE_URL + REDIS_URL)', () => {
  it('a job recorded by the web process is run by the worker process', async () => {
    const db = await clone();
    const queuePrefix = prefix('roles');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = { DATABASE_URL: db.url, REDIS_URL: testRedisUrl(), QUEUE_PREFIX: queuePrefix, PORT: String(port), BASE_URL: url };
    const web = start('web', ['--web'], env);
    const worker = start('worker', ['--worker'], env);
    const d = await database(db.url);
    const community = await makeCommunity(d.db);
    const admin = await makeStaff(d.db, { communityId: community.id, role: 'community_admin' });

    const health = await waitHealthy(web, url);
    expect(health).toMatchObject({ status: 'ok', database: { state: 'ok' }, redis: 'ok', jobs: { mode: 'bullmq' } });
    await worker.waitForOutput(/worker started/, 60_000);

    // The admin's "queue test" button: the web process records the outbox row and pushes it to the queue.
    const cookie = await staffCookie(url, admin.username, admin.password);
    const res = await fetch(`${url}/admin/queue-test`, { method: 'POST', headers: { Origin: url, Cookie: cookie } });
    expect(res.status).toBe(200);
    const [row] = await d.db.select().from(jobOutbox).where(eq(jobOutbox.name, 'diagnostics.echo'));
    expect(row.enqueuedAt).not.toBeNull();

    const done = await pollUntil('the worker to finish the job', async () => {
      const r = await outboxRow(d.db, row.id);
      return r.status === 'done' && r;
    }, 15_000);
    expect(done.result).toMatchObject({ completions: 1, echo: `admin ${admin.user.id}` });

    // BullMQ records which worker ran it: the worker process, not the web one.
    const redisUrl = new URL(testRedisUrl());
    const queue = new Queue('main', { connection: { host: redisUrl.hostname, port: Number(redisUrl.port || 6379) }, prefix: queuePrefix });
    try {
      const job = await queue.getJob(`ob-${row.id}`);
      expect(job?.processedBy).toBe(`${hostname()}:${worker.pid}`);
      expect(await job?.getState()).toBe('completed');
    } finally {
      await queue.close();
    }

    // Both roles shut down cleanly on SIGTERM.
    web.child.kill('SIGTERM');
    worker.child.kill('SIGTERM');
    expect(await web.waitForExit(10_000)).toEqual({ code: 0, signal: null });
    expect(await worker.waitForExit(10_000)).toEqual({ code: 0, signal: null });
  });
});

describe('two web processes starting at once on an empty database', () => {
  it('both migrate safely under the advisory lock and answer /healthz', async () => {
    const empty = await createEmptyDatabase();
    cleanups.push(() => empty.drop());
    const ports = [await freePort(), await freePort()];
    const webs = ports.map((port, i) =>
      start(`web${i}`, ['--web'], {
        DATABASE_URL: empty.url,
        REDIS_URL: testRedisUrl(),
        QUEUE_PREFIX: prefix('mig'),
        PORT: String(port),
        BASE_URL: `http://127.0.0.1:${port}`,
      }),
    );
    const health = await Promise.all(webs.map((w, i) => waitHealthy(w, `http://127.0.0.1:${ports[i]}`)));
    for (const h of health) expect(h).toMatchObject({ status: 'ok', database: { state: 'ok' } });

    const d = await database(empty.url);
    const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };
    const applied = await d.db.execute<{ hash: string; n: number }>(
      sql`select hash, count(*)::int as n from drizzle.__drizzle_migrations group by hash`,
    );
    expect(applied.length).toBe(journal.entries.length);
    for (const r of applied) expect(r.n).toBe(1);
    // The schema is really there, not just the bookkeeping.
    const [{ t }] = await d.db.execute<{ t: string | null }>(sql`select to_regclass('job_outbox')::text as t`);
    expect(t).toBe('job_outbox');
  });
});

describe('without Redis', () => {
  it('npm start with NO_LOCAL_REDIS=1 runs outbox jobs in-process and says so on /healthz', async () => {
    const db = await clone();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const app = start('all-in-one', [], {
      DATABASE_URL: db.url,
      REDIS_URL: undefined,
      NO_LOCAL_REDIS: '1',
      DATA_DIR: path.join(tmpdir(), `anlin-${queueSafe()}`),
      PORT: String(port),
      BASE_URL: url,
    });
    const health = await waitHealthy(app, url);
    expect(health).toMatchObject({ status: 'ok', database: { state: 'ok' }, redis: 'none (in-process jobs)', jobs: { mode: 'inprocess' } });

    // Recorded without any dispatch: the in-process poll of the outbox table finds it.
    const d = await database(db.url);
    const id = await recordJob(d.db, 'diagnostics.echo', { message: 'inprocess', delayMs: 0 });
    const row = await pollUntil('the in-process runtime to run the job', async () => {
      const r = await outboxRow(d.db, id);
      return r.status === 'done' && r;
      // Generous: it polls every second, but CI machines under load have taken over 10 s to get round to it.
    }, 40_000);
    expect(row.result).toMatchObject({ completions: 1 });
    expect(app.output()).not.toMatch(/started local redis-server/);
  }, 120_000);

  it('split roles without REDIS_URL start no redis-server of their own and share jobs through the outbox', async () => {
    const db = await clone();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    // redis-server is on PATH here, and NO_LOCAL_REDIS is not set: single-role processes must still not start one.
    const env = { DATABASE_URL: db.url, REDIS_URL: undefined, DATA_DIR: path.join(tmpdir(), `anlin-${queueSafe()}`), PORT: String(port), BASE_URL: url };
    const web = start('web', ['--web'], env);
    const worker = start('worker', ['--worker'], env);
    const health = await waitHealthy(web, url);
    expect(health).toMatchObject({ jobs: { mode: 'inprocess' } });
    await worker.waitForOutput(/worker started/, 60_000);

    const d = await database(db.url);
    const id = await recordJob(d.db, 'diagnostics.echo', { message: 'split', delayMs: 0 });
    await pollUntil('the worker process to poll the outbox', async () => (await outboxRow(d.db, id)).status === 'done', 40_000);
    for (const p of [web, worker]) expect(p.output()).not.toMatch(/started local redis-server/);
  }, 120_000);
});

function queueSafe() {
  return uniquePrefix('dd');
}
