// Health and metrics for operators and load balancers.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';

export const opsRoutes = new Hono<AppEnv>();

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

opsRoutes.get('/healthz', async (c) => {
  const { database, redis, jobs } = c.var.deps;
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
  return c.json({ status: healthy ? 'ok' : 'degraded', database: { kind: database.kind, state: db }, redis: redisState, jobs: { mode: jobs.mode, queue } }, healthy ? 200 : 503);
});

opsRoutes.get('/metrics', async (c) => {
  const { registry } = c.var.deps.metrics;
  return c.body(await registry.metrics(), 200, { 'Content-Type': registry.contentType });
});
