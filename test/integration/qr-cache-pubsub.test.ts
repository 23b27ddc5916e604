// Two web processes, two caches: an invalidation published by one over real Redis makes the other drop its entry.
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScanTarget } from '../../src/domain/qr/resolve-scan';
import { connectScanCache, invalidationChannel, qrScanCache, closeQrScanCache, ScanCache } from '../../src/domain/qr/scan-cache';
import { testRedisUrl, uniquePrefix } from '../helpers/db';

const target = (code: string): ScanTarget => ({
  id: 1, code, communityId: 1, gridId: null, communityName: '清源社区', purpose: 'report', label: '1栋', status: 'active', place: [], current: null,
});
const logger = { warn: () => {} };
const opened: Redis[] = [];
const redis = () => {
  const r = new Redis(testRedisUrl(), { maxRetriesPerRequest: 2 });
  opened.push(r);
  return r;
};
afterAll(() => opened.forEach((r) => r.disconnect()));

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 100 && !cond(); i++) await new Promise((r) => setTimeout(r, 20));
  return cond();
};

describe('scan cache invalidation over Redis pub/sub', () => {
  it('drops the entry in the other process, and only the named codes', async () => {
    const channel = invalidationChannel(uniquePrefix('qr'));
    const one = connectScanCache(new ScanCache(), { publisher: redis(), subscriber: redis(), channel, logger });
    const two = connectScanCache(new ScanCache(), { publisher: redis(), subscriber: redis(), channel, logger });
    await Promise.all([one.ready, two.ready]);
    for (const c of ['AAA', 'BBB']) await two.cache.get(c, async (k) => target(k));
    await one.invalidate(['AAA']);
    expect(await until(() => !two.cache.has('AAA'))).toBe(true);
    expect(two.cache.has('BBB')).toBe(true);
    await Promise.all([one.close(), two.close()]);
  });

  it('ignores garbage on the channel', async () => {
    const channel = invalidationChannel(uniquePrefix('qr'));
    const cache = new ScanCache();
    const h = connectScanCache(cache, { publisher: redis(), subscriber: redis(), channel, logger });
    await h.ready;
    await cache.get('CCC', async (k) => target(k));
    await redis().publish(channel, 'not json');
    await redis().publish(channel, '{"codes":1}');
    await new Promise((r) => setTimeout(r, 100));
    expect(cache.has('CCC')).toBe(true);
    await h.close();
  });

  it('qrScanCache(deps) wires one handle per app, local-only without Redis', async () => {
    const withRedis = { redis: { client: redis() }, config: { QUEUE_PREFIX: uniquePrefix('qr') }, logger };
    const h = qrScanCache(withRedis);
    expect(qrScanCache(withRedis)).toBe(h);
    await h.ready;
    const other = connectScanCache(new ScanCache(), { publisher: redis(), subscriber: redis(), channel: invalidationChannel(withRedis.config.QUEUE_PREFIX), logger });
    await other.ready;
    await other.cache.get('DDD', async (k) => target(k));
    await h.invalidate(['DDD']);
    expect(await until(() => !other.cache.has('DDD'))).toBe(true);
    await closeQrScanCache(withRedis);
    await other.close();

    const local = qrScanCache({ redis: null, config: { QUEUE_PREFIX: 'x' }, logger });
    await local.cache.get('EEE', async (k) => target(k));
    await local.invalidate(['EEE']);
    expect(local.cache.has('EEE')).toBe(false);
  });
});
