// /healthz and /metrics through the real app: healthy services, an unreachable or silent database, Redis down, no Redis;
// what the public sees without the metrics token, and the internal listener's app.
import { createServer, type Server, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client';
import { diagnosticsEcho } from '../../src/jobs/handlers/diagnostics-echo';
import { createInprocessRuntime } from '../../src/jobs/inprocess-runtime';
import { buildRegistry } from '../../src/jobs/registry';
import { runJob } from '../../src/jobs/runtime';
import { internalOpsApp } from '../../src/routes/ops';
import { buildApp } from '../../src/server';
import { useTestApp } from '../helpers/app';

const METRICS_TOKEN = 'ops-test-metrics-token-0123456789';
const AUTH = { Authorization: `Bearer ${METRICS_TOKEN}` };
const t = useTestApp({ METRICS_TOKEN });
const noToken = useTestApp();
const opened: { close(): Promise<unknown> | void }[] = [];
afterAll(async () => {
  // A client stuck on the silent host would wait out postgres.js's end() timeout (5 s): do not wait for it.
  const brief = (p: Promise<unknown>) => Promise.race([p.catch(() => {}), new Promise((r) => setTimeout(r, 500))]);
  for (const o of opened.reverse()) await brief(Promise.resolve(o.close()));
});

/** The detailed answer, as an operator (with the token) gets it. */
async function healthz(app: ReturnType<typeof buildApp>) {
  const res = await app.request('http://anlin.test/healthz', { headers: AUTH });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

/** A TCP port that accepts connections and never answers: a database host that hangs rather than refuses. */
let silent: Server;
const sockets: Socket[] = [];
beforeAll(async () => {
  silent = createServer((s) => void sockets.push(s));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  opened.push({ close: () => (sockets.forEach((s) => s.destroy()), new Promise((r) => silent.close(r))) });
});

async function brokenDatabase(url: string): Promise<Database> {
  const d = await openDatabase({ url, dataDir: 'unused', max: 1 });
  opened.push({ close: () => d.close().catch(() => {}) });
  return d;
}

describe('/healthz', () => {
  it('is 200 with database ok and redis ok', async () => {
    const { status, body } = await healthz(t.app);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', database: { kind: 'postgres', state: 'ok' }, redis: 'ok', jobs: { mode: 'bullmq' } });
    expect(body.jobs.queue).toMatchObject({ waiting: expect.any(Number), failed: expect.any(Number) });
  });

  it('is 503 when the database refuses connections', async () => {
    const database = await brokenDatabase('postgres://postgres@127.0.0.1:1/nowhere');
    const { status, body } = await healthz(buildApp({ ...t.deps, database }));
    expect(status).toBe(503);
    expect(body.status).toBe('degraded');
    expect(body.database.state).toMatch(/^error: .*ECONNREFUSED/);
  });

  it('is 503 within its bound when the database host never answers', async () => {
    const { port } = silent.address() as { port: number };
    const database = await brokenDatabase(`postgres://postgres@127.0.0.1:${port}/nowhere`);
    const t0 = Date.now();
    const { status, body } = await healthz(buildApp({ ...t.deps, database }));
    expect(status).toBe(503);
    expect(body.database.state).toMatch(/no answer within/);
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('is 503 when Redis is unreachable', async () => {
    const client = new Redis({ host: '127.0.0.1', port: 1, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => {});
    opened.push({ close: () => client.disconnect() });
    const redis = { ...t.deps.redis!, client };
    const { status, body } = await healthz(buildApp({ ...t.deps, redis }));
    expect(status).toBe(503);
    expect(body.database.state).toBe('ok');
    expect(body.redis).toMatch(/^error: /);
  });

  it('reports jobs.mode inprocess (and no Redis) when running without Redis', async () => {
    const jobs = createInprocessRuntime({ db: t.deps.db, logger: t.deps.logger, metrics: t.deps.metrics, registry: buildRegistry() });
    const { status, body } = await healthz(buildApp({ ...t.deps, redis: null, jobs }));
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', redis: 'none (in-process jobs)', jobs: { mode: 'inprocess', queue: { failed: 0 } } });
    await jobs.close(100);
  });
});

describe('/metrics', () => {
  it('exposes request latency by route and completed jobs', async () => {
    await t.app.request('http://anlin.test/healthz');
    t.deps.metrics.setBacklogSource(() => t.deps.jobs.counts()); // as boot wires it
    const deps = { db: t.deps.db, logger: t.deps.logger, metrics: t.deps.metrics, registry: buildRegistry() };
    await runJob(deps, diagnosticsEcho, { message: 'metrics' }, { attempt: 1, runtime: { redispatchLost: async () => 0 } });

    const res = await t.app.request('http://anlin.test/metrics', { headers: AUTH });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^anlin_http_request_duration_seconds_bucket\{.*route="\/healthz".*\} [1-9]/m);
    expect(text).toMatch(/^anlin_jobs_completed_total\{name="diagnostics.echo"\} 1$/m);
    expect(text).toMatch(/^anlin_queue_jobs\{state="waiting"\} \d+$/m);
    expect(text).toMatch(/^anlin_process_cpu_user_seconds_total/m);
  });
});

describe('what the public sees', () => {
  it('/metrics without the token is a 401 asking for a bearer token; a wrong token too', async () => {
    for (const headers of [{} as Record<string, string>, { Authorization: 'Bearer wrong-token-wrong-token' }, { Authorization: METRICS_TOKEN }, { Authorization: `Basic ${METRICS_TOKEN}` }]) {
      const res = await t.app.request('http://anlin.test/metrics', { headers });
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await res.text()).not.toMatch(/anlin_/);
    }
  });

  it('/metrics is a 404 page when no token is configured (it is served on METRICS_PORT instead)', async () => {
    const res = await noToken.app.request('http://anlin.test/metrics', { headers: AUTH });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toMatch(/anlin_/);
  });

  it('/healthz without the token says only ok or degraded: no queue counts, no error text', async () => {
    const ok = await t.app.request('http://anlin.test/healthz');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok' });
    const database = await brokenDatabase('postgres://postgres@127.0.0.1:1/nowhere');
    const down = await buildApp({ ...t.deps, database }).request('http://anlin.test/healthz');
    expect(down.status).toBe(503);
    const body = await down.text();
    expect(JSON.parse(body)).toEqual({ status: 'degraded' });
    expect(body).not.toMatch(/ECONNREFUSED|error/);
    // Without a token configured there are no details for anyone on the public port.
    expect(await (await noToken.app.request('http://anlin.test/healthz', { headers: AUTH })).json()).toEqual({ status: 'ok' });
  });

  it('the internal listener app serves both in full without a token, and nothing else', async () => {
    const ops = internalOpsApp(noToken.deps);
    const metrics = await ops.request('http://127.0.0.1/metrics');
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/^anlin_process_cpu_user_seconds_total/m);
    const health = await ops.request('http://127.0.0.1/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: { state: 'ok' }, jobs: { mode: 'bullmq' } });
    expect((await ops.request('http://127.0.0.1/admin')).status).toBe(404);
  });
});
