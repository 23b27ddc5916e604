// Per-file test database (cloned from the migrated template) and per-file Redis key prefixes.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, inject } from 'vitest';
import { openDatabase, type Database, type Db } from '../../src/db/client';

/** Arbitrary constant: serializes CREATE DATABASE ... TEMPLATE across workers and concurrent server harnesses. */
const CLONE_LOCK_KEY = 0x616e6c7470; // "anltp"

function poolId(): string {
  return process.env.VITEST_POOL_ID ?? '0';
}

function withDatabase(baseUrl: string, name: string): string {
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export interface ClonedDatabase {
  name: string;
  url: string;
  /** Drops the database, terminating any session still connected (e.g. a killed server). */
  drop(): Promise<void>;
}

/** Clones the template into a fresh database. Lower-level than useTestDatabase(); the server harness uses it too. */
export async function cloneTemplateDatabase(): Promise<ClonedDatabase> {
  const base = inject('pgBaseUrl');
  const template = inject('templateDb');
  // The run id in the name lets global teardown drop whatever a crashed worker left behind.
  const name = `t_${inject('runId')}_${poolId()}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  try {
    // max: 1 keeps lock and CREATE on the same session. The lock avoids "source database is being accessed by
    // other users" when two clones race; the retry covers a backend that is still exiting after global setup.
    await admin`select pg_advisory_lock(${CLONE_LOCK_KEY})`;
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await admin.unsafe(`create database "${name}" template "${template}"`);
          break;
        } catch (err) {
          if ((err as { code?: string }).code !== '55006' || attempt >= 10) throw err;
          await new Promise((r) => setTimeout(r, 300));
        }
      }
    } finally {
      await admin`select pg_advisory_unlock(${CLONE_LOCK_KEY})`;
    }
  } finally {
    await admin.end({ timeout: 5 });
  }
  return {
    name,
    url: withDatabase(base, name),
    async drop() {
      const sql = postgres(base, { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await sql.end({ timeout: 5 });
      }
    },
  };
}

export interface TestDatabase {
  /** drizzle handle; valid between beforeAll and afterAll. */
  readonly db: Db;
  /** The full Database (ping, close, kind) as the app's code expects it. */
  readonly database: Database;
  readonly url: string;
  readonly name: string;
}

/**
 * Call at the top level of a test file: a fresh migrated database for this file, dropped afterwards.
 * Fields throw if read before beforeAll ran, which points at a misuse instead of an undefined deep in a test.
 */
export function useTestDatabase(opts: { max?: number } = {}): TestDatabase {
  let clone: ClonedDatabase | undefined;
  let database: Database | undefined;
  const ready = <T>(v: T | undefined, field: string): T => {
    if (v === undefined) throw new Error(`useTestDatabase(): .${field} read before beforeAll ran`);
    return v;
  };
  beforeAll(async () => {
    clone = await cloneTemplateDatabase();
    database = await openDatabase({ url: clone.url, dataDir: 'unused', max: opts.max ?? 5 });
  });
  afterAll(async () => {
    await database?.close();
    await clone?.drop();
  });
  return {
    get db() {
      return ready(database, 'db').db;
    },
    get database() {
      return ready(database, 'database');
    },
    get url() {
      return ready(clone, 'url').url;
    },
    get name() {
      return ready(clone, 'name').name;
    },
  };
}

export function testRedisUrl(): string {
  return inject('redisUrl');
}

/**
 * A BullMQ prefix / Redis key namespace unique to this worker and call, e.g. "t1-jobs-3f9a1c2b".
 * Only [a-z0-9_-] so it also passes the app's QUEUE_PREFIX validation. Use keys as `${prefix}:...`.
 */
export function uniquePrefix(name = 'x'): string {
  const safe = name.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').slice(0, 24);
  return `t${poolId()}-${safe}-${randomBytes(4).toString('hex')}`;
}

/** Deletes every `${prefix}:*` key (SCAN, so a large Redis is not blocked as with KEYS). Returns how many. */
export async function flushPrefix(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}
