// Redis stopped during 100 submissions: every resident still gets a receipt (Postgres is the record), and once Redis is back the
// outbox sweeper re-enqueues the verify jobs so all 100 items reach 待审核. Runs the real server against a Redis of its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobOutbox, submissions } from '../../src/db/schema';
import { seedDemo } from '../../src/cli/seed-data/demo';
import { newDraftToken } from '../../src/domain/photos/draft-token';
import { demoCodeFrom } from '../helpers/app';
import { freePort } from '../helpers/processes';
import { qrByKey, reportBody, validTip } from '../helpers/report';
import { startServer, type TestServer } from '../helpers/server';

const RESIDENTS = 10;
const PER_RESIDENT = 10;
const SWEEP_MS = 1000;

/** A throwaway redis-server: no persistence, so a restart comes back empty, as after a crash of an unpersisted Redis. */
function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${log}`)), 10_000);
    child.stdout!.on('data', (d: Buffer) => {
      log += d.toString();
      if (/ready to accept connections/i.test(log)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${log}`)));
  });
}

function stopRedis(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** A phone's cookie jar, against the real server over HTTP. */
class Phone {
  cookie = '';
  constructor(private readonly base: string) {}
  async post(path: string, body: URLSearchParams | FormData) {
    const res = await fetch(`${this.base}${path}`, { method: 'POST', body, redirect: 'manual', headers: { Origin: this.base, Cookie: this.cookie } });
    for (const c of res.headers.getSetCookie()) if (c.startsWith('anlin_session=')) this.cookie = c.split(';')[0];
    return res;
  }
  get(path: string) {
    return fetch(`${this.base}${path}`, { redirect: 'manual', headers: { Cookie: this.cookie } });
  }
}

let redisPort = 0;
let redis: ChildProcess | undefined;
let server: TestServer;

beforeAll(async () => {
  redisPort = await freePort();
  redis = await startRedis(redisPort);
  server = await startServer({ env: { REDIS_URL: `redis://127.0.0.1:${redisPort}`, OUTBOX_SWEEP_MS: String(SWEEP_MS) } });
  await seedDemo(server.db.database, { residents: 0 });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await stopRedis(redis);
});

describe('Redis stopped during 100 submissions', () => {
  it('gives 100 receipts, and all 100 items reach 待审核 after Redis restarts', async () => {
    const db = server.db.database.db;
    const lobby = await qrByKey(db, 'cy3-b1-lobby');
    // Sign-in codes and their limits live in Redis: residents sign in while it is up.
    const phones: Phone[] = [];
    for (let i = 0; i < RESIDENTS; i++) {
      const phone = new Phone(server.url);
      const number = `1550000${String(1000 + i)}`;
      const sent = await phone.post('/login/code', new URLSearchParams({ phone: number, next: '/' }));
      expect(sent.status).toBe(200);
      const done = await phone.post('/login/verify', new URLSearchParams({ phone: number, code: demoCodeFrom(await sent.text()), next: '/' }));
      expect(done.status).toBe(303);
      phones.push(phone);
    }

    await stopRedis(redis);
    const ping = new Redis({ port: redisPort, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    ping.on('error', () => {});
    await expect(ping.connect()).rejects.toThrow();
    ping.disconnect();

    const started = Date.now();
    const receipts = await Promise.all(
      phones.map(async (phone) => {
        const mine: string[] = [];
        for (let k = 0; k < PER_RESIDENT; k++) {
          const res = await phone.post('/report', reportBody(validTip(lobby, newDraftToken(), { description: `断网测试第 ${k + 1} 条:楼道灯不亮` })));
          expect(res.status).toBe(303);
          const page = await phone.get(res.headers.get('location')!);
          expect(page.status).toBe(200);
          const html = await page.text();
          expect(html).toContain('预计首次答复');
          mine.push(/data-tracking-no="([^"]+)"/.exec(html)![1]);
        }
        return mine;
      }),
    );
    const submitMs = Date.now() - started;
    const trackingNos = receipts.flat();
    expect(new Set(trackingNos).size).toBe(RESIDENTS * PER_RESIDENT);

    const rows = await db.select({ id: submissions.id, status: submissions.status }).from(submissions).where(inArray(submissions.trackingNo, trackingNos));
    expect(rows).toHaveLength(100);
    expect(rows.every((r) => r.status === 'received')).toBe(true);
    // Nothing reached the queue: every verify job waits in the outbox.
    const waiting = await db.select().from(jobOutbox).where(and(eq(jobOutbox.name, 'submission.verify'), isNull(jobOutbox.enqueuedAt)));
    expect(waiting.length).toBe(100);

    const restarted = Date.now();
    redis = await startRedis(redisPort);

    await expect
      .poll(
        async () => (await db.select({ status: submissions.status }).from(submissions).where(inArray(submissions.trackingNo, trackingNos))).filter((r) => r.status === 'pending_review').length,
        { timeout: 90_000, interval: 500 },
      )
      .toBe(100);
    const drainMs = Date.now() - restarted;
    console.info(`redis down: 100 submissions + receipts in ${submitMs} ms; all 100 in 待审核 ${drainMs} ms after restart`);
    expect(server.output()).toContain('rate limit unavailable');
  }, 240_000);
});
