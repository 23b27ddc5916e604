// The in-process scan cache: TTL, cached misses, bounded size, and no stale write after an invalidation during a lookup.
import { describe, expect, it } from 'vitest';
import type { ScanTarget } from '../../src/domain/qr/resolve-scan';
import { ScanCache } from '../../src/domain/qr/scan-cache';

const target = (code: string, status: ScanTarget['status'] = 'active'): ScanTarget => ({
  id: 1, code, communityId: 1, gridId: null, communityName: '清源社区', purpose: 'report', label: '1栋大堂', status, place: ['清波小区', '1栋'], current: null,
});

describe('ScanCache', () => {
  it('a burst of lookups after expiry makes one load, and unchanged data keeps its object', async () => {
    let now = 0;
    let loads = 0;
    const cache = new ScanCache({ ttlMs: 1000, now: () => now });
    const load = async (c: string) => (loads++, target(c));
    const first = await cache.get('A', load);
    now = 1500;
    const burst = await Promise.all(Array.from({ length: 50 }, () => cache.get('A', load)));
    expect(loads).toBe(2);
    for (const t of burst) expect(t).toBe(first); // deep-equal reload: the very same object
    const changed = async (c: string) => (loads++, target(c, 'disabled'));
    now = 3000;
    expect((await cache.get('A', changed))?.status).toBe('disabled');
  });

  it('peek never waits: stale for one more TTL while a reload runs, then nothing; a drop forgets at once', async () => {
    let now = 0;
    let loads = 0;
    const cache = new ScanCache({ ttlMs: 1000, now: () => now });
    const load = async (c: string) => (loads++, target(c));
    expect(cache.peek('A', load)).toBeUndefined();
    expect(loads).toBe(0);
    await cache.get('A', load);
    now = 1500;
    expect(cache.peek('A', load)?.code).toBe('A'); // stale, and a reload has started
    expect(cache.peek('A', load)?.code).toBe('A');
    expect(loads).toBe(2);
    await new Promise((r) => setTimeout(r, 0));
    now = 2400;
    expect(cache.peek('A', load)?.code).toBe('A'); // the reload (stored at 1500) is fresh until 2500
    expect(loads).toBe(2);
    cache.drop(['A']);
    expect(cache.peek('A', load)).toBeUndefined();
    // A database that never answers: the old entry is served up to one TTL past expiry, then the page waits on the app.
    await cache.get('A', load);
    const stuck = () => new Promise<never>(() => {});
    now = 2400 + 1200;
    expect(cache.peek('A', stuck)?.code).toBe('A');
    now = 2400 + 2100;
    expect(cache.peek('A', stuck)).toBeUndefined();
  });

  it('serves from memory within the TTL and reloads after it', async () => {
    let now = 0;
    let loads = 0;
    const cache = new ScanCache({ ttlMs: 1000, now: () => now });
    const load = async (c: string) => (loads++, target(c));
    await cache.get('A', load);
    await cache.get('A', load);
    expect(loads).toBe(1);
    now = 1001;
    await cache.get('A', load);
    expect(loads).toBe(2);
  });

  it('caches unknown codes too, and drop() forgets them', async () => {
    let loads = 0;
    const cache = new ScanCache();
    const load = async () => (loads++, null);
    expect(await cache.get('B', load)).toBeNull();
    expect(await cache.get('B', load)).toBeNull();
    expect(loads).toBe(1);
    cache.drop(['B']);
    await cache.get('B', load);
    expect(loads).toBe(2);
  });

  it('does not store a value read before an invalidation that arrived during the lookup', async () => {
    const cache = new ScanCache();
    let release!: () => void;
    const slow = cache.get('C', () => new Promise<ScanTarget>((r) => (release = () => r(target('C', 'active')))));
    cache.drop(['C']); // e.g. an admin disabled it while the query was running
    release();
    expect((await slow)?.status).toBe('active'); // this request still gets what it read…
    expect(cache.has('C')).toBe(false); // …but the next one reads again
  });

  it('evicts the oldest entry beyond maxEntries', async () => {
    const cache = new ScanCache({ maxEntries: 2 });
    for (const c of ['D', 'E', 'F']) await cache.get(c, async (k) => target(k));
    expect([cache.has('D'), cache.has('E'), cache.has('F')]).toEqual([false, true, true]);
  });
});
