// Fixed-window rate limiters: the in-memory one with an injected clock, the Redis one against the real server.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryRateLimiter, redisRateLimiter, type RateLimiter } from '../../src/infra/rate-limiter';
import { flushPrefix, testRedisUrl, uniquePrefix } from '../helpers/db';

describe('memoryRateLimiter', () => {
  const clock = () => {
    let ms = 1_700_000_000_000;
    return { now: () => ms, advance: (s: number) => void (ms += s * 1000) };
  };

  it('allows up to the limit within a window, then refuses with the seconds left', async () => {
    const c = clock();
    const rl = memoryRateLimiter(c.now);
    for (let i = 1; i <= 3; i++) expect(await rl.hit('k', 3, 60)).toEqual({ allowed: true, count: i, retryAfter: 60 });
    c.advance(20);
    expect(await rl.hit('k', 3, 60)).toEqual({ allowed: false, count: 4, retryAfter: 40 });
    expect(await rl.peek('k')).toEqual({ count: 4, retryAfter: 40 });
  });

  it('a window that passed starts a fresh count', async () => {
    const c = clock();
    const rl = memoryRateLimiter(c.now);
    await rl.hit('k', 1, 10);
    await rl.hit('k', 1, 10);
    c.advance(9.5);
    expect(await rl.peek('k')).toEqual({ count: 2, retryAfter: 1 });
    c.advance(0.5);
    expect(await rl.peek('k')).toEqual({ count: 0, retryAfter: 0 });
    expect(await rl.hit('k', 1, 10)).toEqual({ allowed: true, count: 1, retryAfter: 10 });
  });

  it('hits do not extend the window (fixed, not sliding)', async () => {
    const c = clock();
    const rl = memoryRateLimiter(c.now);
    await rl.hit('k', 5, 30);
    c.advance(25);
    expect((await rl.hit('k', 5, 30)).retryAfter).toBe(5);
    c.advance(5);
    expect((await rl.hit('k', 5, 30)).count).toBe(1);
  });

  it('keys are independent, and reset clears one key only', async () => {
    const rl = memoryRateLimiter(clock().now);
    await rl.hit('a', 1, 60);
    await rl.hit('a', 1, 60);
    await rl.hit('b', 1, 60);
    await rl.reset('a');
    expect(await rl.peek('a')).toEqual({ count: 0, retryAfter: 0 });
    expect((await rl.peek('b')).count).toBe(1);
  });

  it('retryAfter is at least one second, even at the very end of a window', async () => {
    const c = clock();
    const rl = memoryRateLimiter(c.now);
    await rl.hit('k', 0, 1);
    c.advance(0.999);
    expect((await rl.hit('k', 0, 1)).retryAfter).toBe(1);
  });
});

describe('redisRateLimiter (real Redis)', () => {
  let redis: Redis;
  const prefix = uniquePrefix('rl');
  let rl: RateLimiter;

  beforeAll(() => {
    redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 2 });
    rl = redisRateLimiter(redis, prefix);
  });
  afterAll(async () => {
    await flushPrefix(redis, prefix);
    redis.disconnect();
  });

  it('counts to the limit, then refuses with the TTL as retryAfter', async () => {
    for (let i = 1; i <= 3; i++) {
      const r = await rl.hit('count', 3, 60);
      expect(r).toMatchObject({ allowed: true, count: i });
      expect(r.retryAfter).toBeGreaterThan(55);
      expect(r.retryAfter).toBeLessThanOrEqual(60);
    }
    expect(await rl.hit('count', 3, 60)).toMatchObject({ allowed: false, count: 4 });
    const p = await rl.peek('count');
    expect(p.count).toBe(4);
    expect(p.retryAfter).toBeGreaterThan(55);
  });

  it('stores keys under its prefix only, with an expiry', async () => {
    await rl.hit('where', 1, 60);
    expect(await redis.get(`${prefix}:rl:where`)).toBe('1');
    expect(await redis.ttl(`${prefix}:rl:where`)).toBeGreaterThan(0);
    expect(await redis.exists('rl:where')).toBe(0);
  });

  it('later hits do not push the window out (fixed window)', async () => {
    await rl.hit('fixed', 10, 60);
    await redis.expire(`${prefix}:rl:fixed`, 5); // as if 55 s had passed
    const r = await rl.hit('fixed', 10, 60);
    expect(r.count).toBe(2);
    expect(r.retryAfter).toBeLessThanOrEqual(5);
  });

  it('the window expires and counting starts again', async () => {
    await rl.hit('short', 1, 1);
    expect(await rl.hit('short', 1, 1)).toMatchObject({ allowed: false, count: 2 });
    await new Promise((r) => setTimeout(r, 1100));
    expect(await rl.peek('short')).toEqual({ count: 0, retryAfter: 0 });
    expect(await rl.hit('short', 1, 1)).toMatchObject({ allowed: true, count: 1 });
  });

  it('reset removes the key; unknown keys peek as zero', async () => {
    await rl.hit('gone', 1, 60);
    await rl.reset('gone');
    expect(await rl.peek('gone')).toEqual({ count: 0, retryAfter: 0 });
    expect(await rl.peek('never-seen')).toEqual({ count: 0, retryAfter: 0 });
  });

  it('parallel hits are all counted (INCR is atomic)', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => rl.hit('race', 10, 60)));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    expect(new Set(results.map((r) => r.count)).size).toBe(20);
    expect((await rl.peek('race')).count).toBe(20);
  });
});
