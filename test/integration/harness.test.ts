// Proves the test helpers: a migrated, per-file database clone and a Redis namespace per worker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { sql } from 'drizzle-orm';
import { communities, grids } from '../../src/db/schema';
import { makeCommunity, makeGrid } from '../helpers/builders';
import { inject } from 'vitest';
import { openDatabase } from '../../src/db/client';
import { cloneTemplateDatabase, flushPrefix, testRedisUrl, uniquePrefix, useTestDatabase } from '../helpers/db';

const t = useTestDatabase();

describe('test database', () => {
  it('is cloned from the migrated template', async () => {
    expect(await t.db.select().from(communities)).toEqual([]);
    await t.database.ping();
  });

  it('is this file’s own database, not the template', async () => {
    expect(t.name).toMatch(/^t_[a-z0-9]+_\d+_[0-9a-f]{8}$/);
    expect(t.name).not.toBe(inject('templateDb'));
    expect(t.url.endsWith(`/${t.name}`)).toBe(true);
  });

  it('does not share writes with another clone', async () => {
    await t.db.execute(sql`create table harness_marker (id int)`);
    const other = await cloneTemplateDatabase();
    const database = await openDatabase({ url: other.url, dataDir: 'unused', max: 1 });
    try {
      expect(other.name).not.toBe(t.name);
      const rows = await database.db.execute(sql`select to_regclass('harness_marker') as t`);
      expect(rows[0]?.t).toBeNull();
    } finally {
      await database.close();
      await other.drop();
    }
  });
});

describe('makeGrid', () => {
  // A demo community already holds grids …001–…017; a random suffix start once landed on 014 and failed a CI run.
  it('moves past codes that are already taken, down to the last free one', async () => {
    const c = await makeCommunity(t.db);
    const free = 417;
    const taken = Array.from({ length: 1000 }, (_, i) => i).filter((i) => i !== free);
    await t.db.insert(grids).values(taken.map((i) => ({ communityId: c.id, code: c.code + String(i).padStart(3, '0'), name: `占用${i}` })));
    const grid = await makeGrid(t.db, c.id);
    expect(grid.code).toBe(c.code + String(free));
    await expect(makeGrid(t.db, c.id)).rejects.toThrow(/all 1,000 grid codes/);
  });
});

describe('redis prefix', () => {
  let redis: Redis;
  const prefix = uniquePrefix('harness');
  beforeAll(() => {
    redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    await flushPrefix(redis, prefix);
    redis.disconnect();
  });

  it('is unique and valid as a QUEUE_PREFIX', () => {
    expect(prefix).toMatch(/^[a-z0-9_-]+$/i);
    expect(uniquePrefix('harness')).not.toBe(prefix);
  });

  it('sets, reads and flushes keys under the prefix only', async () => {
    const other = `${uniquePrefix('other')}:k`;
    await redis.set(other, 'keep', 'EX', 60);
    for (let i = 0; i < 30; i++) await redis.set(`${prefix}:k${i}`, String(i), 'EX', 60);
    expect(await redis.get(`${prefix}:k7`)).toBe('7');
    expect(await flushPrefix(redis, prefix)).toBe(30);
    expect(await redis.exists(`${prefix}:k7`)).toBe(0);
    expect(await redis.get(other)).toBe('keep');
    await redis.del(other);
  });
});
