// Wires the services from config: database (migrated), Redis or not, the job runtime, rate limiter, SMS, metrics.
import type { AppDeps } from './app-env';
import type { Config } from './config';
import { openDatabase } from './db/client';
import { migrateDatabase } from './db/migrate';
import { createMetrics } from './infra/metrics';
import { memoryRateLimiter, redisRateLimiter } from './infra/rate-limiter';
import { connectRedis } from './infra/redis';
import { localPhotoStorage } from './infra/photo-storage';
import { smsFromConfig } from './infra/sms';
import { createBullmqRuntime } from './jobs/bullmq-runtime';
import { createInprocessRuntime } from './jobs/inprocess-runtime';
import { buildRegistry } from './jobs/registry';
import type { Logger } from './logger';

/** `localRedis: false` for single-role processes: see connectRedis. */
export async function bootServices(config: Config, logger: Logger, opts: { localRedis?: boolean } = {}): Promise<AppDeps> {
  const registry = buildRegistry(); // throws on a broken declaration: better now than at 3 a.m.
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  await migrateDatabase(database, config.DATABASE_URL);
  const redis = await connectRedis(config, logger, { allowLocal: opts.localRedis ?? true });
  const metrics = createMetrics();
  const runtimeDeps = { db: database.db, logger, metrics, registry };
  const jobs = redis
    ? createBullmqRuntime(runtimeDeps, {
        connection: redis.options,
        prefix: config.QUEUE_PREFIX,
        concurrency: config.WORKER_CONCURRENCY,
        lockDurationMs: config.WORKER_LOCK_MS,
      })
    : createInprocessRuntime(runtimeDeps);
  metrics.setBacklogSource(() => jobs.counts());
  return {
    config,
    database,
    db: database.db,
    redis,
    jobs,
    limiter: redis ? redisRateLimiter(redis.client, config.QUEUE_PREFIX) : memoryRateLimiter(),
    photos: localPhotoStorage(config.DATA_DIR),
    sms: smsFromConfig(config, logger),
    logger,
    metrics,
  };
}
