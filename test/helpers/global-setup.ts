// Vitest global setup: migrates one template database per run and hands the service URLs to test workers.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { Redis } from 'ioredis';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client';
import { migrateDatabase } from '../../src/db/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Maintenance database URL (usually .../postgres); test databases are created through it. */
    pgBaseUrl: string;
    /** Migrated database that every test database is cloned from. */
    templateDb: string;
    /** Short id of this run: clones are named t_<runId>_..., so teardown only drops its own. */
    runId: string;
    redisUrl: string;
  }
}

function withDatabase(baseUrl: string, name: string): string {
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function checkPostgres(url: string): Promise<ReturnType<typeof postgres>> {
  // One connection: no session ever lingers on the template after setup, which CREATE DATABASE ... TEMPLATE requires.
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await sql`select 1`;
    return sql;
  } catch (err) {
    await sql.end({ timeout: 1 }).catch(() => {});
    throw new Error(
      `test setup: PostgreSQL unreachable at ${url} (${(err as Error).message}). ` +
        'Start it (see .ci/run) or set TEST_PG_URL.',
    );
  }
}

async function checkRedis(url: string): Promise<void> {
  // No retries: a missing Redis should fail the run in seconds, not hang it.
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  // The 'error' event carries the useful cause (ECONNREFUSED); the rejected promise only says "Connection is closed".
  let cause = '';
  redis.on('error', (err) => void (cause ||= err.message));
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw new Error(
      `test setup: Redis unreachable at ${url} (${cause || (err as Error).message}). Start it (see .ci/run) or set TEST_REDIS_URL.`,
    );
  } finally {
    redis.disconnect();
  }
}

export default async function setup(project: TestProject) {
  const pgBaseUrl = process.env.TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
  // pid + random bytes: two concurrent runs on one server never share a template.
  const runId = `${process.pid.toString(36)}${randomBytes(2).toString('hex')}`;
  const templateDb = `anlin_tpl_${runId}`;

  // Redis first: a failure there then leaves no Postgres connection open.
  await checkRedis(redisUrl);
  const admin = await checkPostgres(pgBaseUrl);

  const dropOwnDatabases = async () => {
    // FORCE terminates leftover sessions (a crashed worker, a server child that was not stopped).
    const rows = await admin`
      select datname from pg_database
      where datname = ${templateDb} or datname like ${`t\\_${runId}\\_%`}`;
    for (const { datname } of rows) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
  };

  try {
    await admin.unsafe(`drop database if exists "${templateDb}" with (force)`);
    await admin.unsafe(`create database "${templateDb}"`);
    const tplUrl = withDatabase(pgBaseUrl, templateDb);
    const database = await openDatabase({ url: tplUrl, dataDir: 'unused', max: 1 });
    try {
      await migrateDatabase(database, tplUrl);
    } finally {
      // Both the drizzle client and migrate's lock connection are closed here, so the template has no sessions.
      await database.close();
    }
  } catch (err) {
    await dropOwnDatabases().catch(() => {});
    await admin.end({ timeout: 5 });
    throw err;
  }

  project.provide('pgBaseUrl', pgBaseUrl);
  project.provide('templateDb', templateDb);
  project.provide('runId', runId);
  project.provide('redisUrl', redisUrl);

  return async function teardown() {
    try {
      await dropOwnDatabases();
    } finally {
      await admin.end({ timeout: 5 });
    }
  };
}
