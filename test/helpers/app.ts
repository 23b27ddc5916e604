// In-process app harness: the real Hono app on a per-file Postgres database and a per-file Redis prefix, driven by app.request.
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { Redis } from 'ioredis';
import { parseConfig } from '../../src/config';
import type { AppDeps } from '../../src/app-env';
import { createMetrics } from '../../src/infra/metrics';
import { redisRateLimiter } from '../../src/infra/rate-limiter';
import { localPhotoStorage } from '../../src/infra/photo-storage';
import { smsFromConfig } from '../../src/infra/sms';
import { createBullmqRuntime } from '../../src/jobs/bullmq-runtime';
import { buildRegistry } from '../../src/jobs/registry';
import { createLogger } from '../../src/logger';
import { buildApp } from '../../src/server';
import { flushPrefix, testRedisUrl, uniquePrefix, useTestDatabase } from './db';

export const TEST_ORIGIN = 'http://anlin.test';

export interface TestApp {
  readonly deps: AppDeps;
  readonly app: ReturnType<typeof buildApp>;
  /** A browser-like client with its own cookie jar. */
  client(): TestClient;
}

export function useTestApp(env: Record<string, string> = {}): TestApp {
  const tdb = useTestDatabase();
  let deps: AppDeps | undefined;
  let app: ReturnType<typeof buildApp> | undefined;
  let redis: Redis | undefined;
  const prefix = uniquePrefix('app');
  const photoDir = path.join(os.tmpdir(), `anlin-${prefix}`);

  beforeAll(async () => {
    const config = parseConfig({ BASE_URL: TEST_ORIGIN, DATABASE_URL: tdb.url, REDIS_URL: testRedisUrl(), QUEUE_PREFIX: prefix, DEMO_MODE: '1', LOG_LEVEL: 'silent', NODE_ENV: 'test', ...env });
    const logger = createLogger('silent');
    const url = new URL(testRedisUrl());
    const options = { host: url.hostname, port: Number(url.port || 6379) };
    redis = new Redis({ ...options, maxRetriesPerRequest: 2 });
    const metrics = createMetrics();
    const jobs = createBullmqRuntime({ db: tdb.db, logger, metrics, registry: buildRegistry() }, { connection: options, prefix, concurrency: 2, lockDurationMs: 5000 });
    deps = {
      config,
      database: tdb.database,
      db: tdb.db,
      redis: { mode: 'external', options, client: redis, stop: async () => {} },
      jobs,
      limiter: redisRateLimiter(redis, prefix),
      photos: localPhotoStorage(photoDir),
      sms: smsFromConfig(config, logger),
      logger,
      metrics,
    };
    app = buildApp(deps);
  });

  afterAll(async () => {
    await deps?.jobs.close(2000);
    await rm(photoDir, { recursive: true, force: true });
    if (redis) {
      await flushPrefix(redis, prefix);
      redis.disconnect();
    }
  });

  const self: TestApp = {
    get deps() {
      if (!deps) throw new Error('useTestApp: read after beforeAll');
      return deps;
    },
    get app() {
      if (!app) throw new Error('useTestApp: read after beforeAll');
      return app;
    },
    client: () => new TestClient(() => self.app),
  };
  return self;
}

export class TestClient {
  readonly cookies = new Map<string, string>();
  constructor(private readonly getApp: () => ReturnType<typeof buildApp>) {}

  async request(path: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response> {
    const method = (init.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (!['GET', 'HEAD'].includes(method) && !('Origin' in headers) && !('origin' in headers)) headers.Origin = TEST_ORIGIN;
    if (this.cookies.size) headers.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.getApp().request(`${TEST_ORIGIN}${path}`, { ...init, method, headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const [name, ...rest] = pair.split('=');
      const value = rest.join('=');
      if (!value || attrs.some((a) => /max-age=0/i.test(a.trim()))) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
    return res;
  }

  get(path: string, headers: Record<string, string> = {}) {
    return this.request(path, { headers });
  }

  post(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
    return this.request(path, {
      method: 'POST',
      body: new URLSearchParams(form).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    });
  }

  /** Resident sign-in through the real routes; returns the code the SMS provider would have sent. */
  async signInResident(phone: string): Promise<void> {
    const res = await this.post('/login/code', { phone, next: '/' });
    if (res.status !== 200) throw new Error(`code request failed: ${res.status}`);
    const code = demoCodeFrom(await res.text());
    const done = await this.post('/login/verify', { phone, code, next: '/' });
    if (done.status !== 303) throw new Error(`verify failed: ${done.status} ${await done.text()}`);
  }

  async signInStaff(username: string, password: string): Promise<Response> {
    return this.post('/staff/login', { username, password, next: '/staff' });
  }
}

/** Codes are stored hashed; tests read the code the way a demo user does, from the page (DEMO_MODE). */
export function demoCodeFrom(html: string): string {
  const m = /data-demo-code="(\d{6})"/.exec(html);
  if (!m) throw new Error('no demo code on the page');
  return m[1];
}
