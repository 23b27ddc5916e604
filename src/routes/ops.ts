// Health and metrics for operators and load balancers. The public port answers /healthz with a status only and
// /metrics not at all, unless the request carries METRICS_TOKEN as a bearer token; the internal listener
// (METRICS_PORT, loopback) answers both in full without one.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';
import { notFound } from '../domain/errors';

/** A load balancer gives up after a few seconds: an unreachable database (30 s connect timeout) must not outlast it. */
const CHECK_TIMEOUT_MS = 3000;

function bounded<T>(p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

const message = (err: unknown) => `error: ${err instanceof Error ? err.message : String(err)}`.slice(0, 200);

/** Database, Redis and queue state; `healthy` decides 200 or 503. The details are for operators only. */
export async function healthReport({ database, redis, jobs }: Pick<AppDeps, 'database' | 'redis' | 'jobs'>) {
  const check = async (fn: () => Promise<unknown>) => {
    try {
      await bounded(fn());
      return 'ok';
    } catch (err) {
      return message(err);
    }
  };
  const [db, redisState, queue] = await Promise.all([
    check(() => database.ping()),
    redis ? check(() => redis.client.ping()) : Promise.resolve('none (in-process jobs)'),
    bounded(jobs.counts()).catch((err: unknown): Record<string, number> | string => message(err)),
  ]);
  const healthy = db === 'ok' && (!redis || redisState === 'ok');
  return {
    healthy,
    body: { status: healthy ? 'ok' : 'degraded', database: { kind: database.kind, state: db }, redis: redisState, jobs: { mode: jobs.mode, queue } },
  };
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Whether the request carries the configured bearer token (compared in constant time); false when none is configured. */
export function hasMetricsToken(c: Context, token: string | undefined): boolean {
  if (!token) return false;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
  return !!m && timingSafeEqual(digest(m[1]), digest(token));
}

async function metricsResponse(c: Context, deps: Pick<AppDeps, 'metrics'>) {
  const { registry } = deps.metrics;
  return c.body(await registry.metrics(), 200, { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' });
}

export const opsRoutes = new Hono<AppEnv>();

opsRoutes.get('/healthz', async (c) => {
  const { healthy, body } = await healthReport(c.var.deps);
  c.header('Cache-Control', 'no-store');
  // The public (load balancers included) learns only whether the service is up: no queue counts, no error text.
  const detailed = hasMetricsToken(c, c.var.deps.config.METRICS_TOKEN);
  return c.json(detailed ? body : { status: body.status }, healthy ? 200 : 503);
});

opsRoutes.get('/metrics', async (c) => {
  const token = c.var.deps.config.METRICS_TOKEN;
  // Without a token configured there is nothing that could open it here: it does not exist (use METRICS_PORT).
  if (!token) throw notFound();
  if (!hasMetricsToken(c, token)) {
    return c.text('401 Unauthorized: send Authorization: Bearer <METRICS_TOKEN>\n', 401, { 'WWW-Authenticate': 'Bearer realm="metrics"', 'Cache-Control': 'no-store' });
  }
  return metricsResponse(c, c.var.deps);
});

/** The internal listener's app (METRICS_PORT, bound to METRICS_HOST): both endpoints in full, nothing else. */
export function internalOpsApp(deps: AppDeps) {
  const app = new Hono();
  app.get('/healthz', async (c) => {
    const { healthy, body } = await healthReport(deps);
    return c.json(body, healthy ? 200 : 503);
  });
  app.get('/metrics', (c) => metricsResponse(c, deps));
  app.notFound((c) => c.text('404 Not Found\n', 404));
  return app;
}
