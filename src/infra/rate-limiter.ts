// Fixed-window counters for sign-in and code limits: in Redis when there is one (shared by all web processes), else in memory.
import type { Redis } from 'ioredis';

export interface RateLimiter {
  /** Adds one to the counter and says whether it is still within the limit. */
  hit(key: string, limit: number, windowSec: number): Promise<{ allowed: boolean; count: number; retryAfter: number }>;
  /** Reads the counter without adding to it. */
  peek(key: string): Promise<{ count: number; retryAfter: number }>;
  reset(key: string): Promise<void>;
}

export function redisRateLimiter(redis: Redis, prefix: string): RateLimiter {
  const k = (key: string) => `${prefix}:rl:${key}`;
  return {
    async hit(key, limit, windowSec) {
      const res = await redis.multi().incr(k(key)).expire(k(key), windowSec, 'NX').ttl(k(key)).exec();
      const count = Number(res?.[0]?.[1] ?? 0);
      const ttl = Number(res?.[2]?.[1] ?? windowSec);
      return { allowed: count <= limit, count, retryAfter: Math.max(1, ttl) };
    },
    async peek(key) {
      const [count, ttl] = await Promise.all([redis.get(k(key)), redis.ttl(k(key))]);
      return { count: Number(count ?? 0), retryAfter: Math.max(0, ttl) };
    },
    async reset(key) {
      await redis.del(k(key));
    },
  };
}

export function memoryRateLimiter(now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, { count: number; until: number }>();
  // Expired counters are dropped on a periodic sweep too, so one-off keys (random usernames, addresses) cannot pile up.
  let lastSweep = now();
  const sweep = () => {
    if (now() - lastSweep < 60_000) return;
    lastSweep = now();
    for (const [key, b] of buckets) if (b.until <= lastSweep) buckets.delete(key);
  };
  const live = (key: string) => {
    sweep();
    const b = buckets.get(key);
    if (b && b.until <= now()) buckets.delete(key);
    return buckets.get(key);
  };
  return {
    async hit(key, limit, windowSec) {
      const b = live(key) ?? { count: 0, until: now() + windowSec * 1000 };
      b.count += 1;
      buckets.set(key, b);
      return { allowed: b.count <= limit, count: b.count, retryAfter: Math.max(1, Math.ceil((b.until - now()) / 1000)) };
    },
    async peek(key) {
      const b = live(key);
      return { count: b?.count ?? 0, retryAfter: b ? Math.ceil((b.until - now()) / 1000) : 0 };
    },
    async reset(key) {
      buckets.delete(key);
    },
  };
}
