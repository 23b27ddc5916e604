// Per-process cache of scan lookups with a short TTL; changes drop entries here and, over Redis pub/sub, in every other web process.
import { isDeepStrictEqual } from 'node:util';
import type { Redis } from 'ioredis';
import type { ScanTarget } from './resolve-scan';

/** Posters are scanned in bursts (a patrol at a checkpoint, a lobby at 8 am); 30 s bounds staleness if a message is lost. */
const TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

export class ScanCache {
  private readonly entries = new Map<string, { value: ScanTarget | null; expires: number }>();
  /** One load per code at a time: a lobby's burst after expiry waits on one query, not one each. */
  private readonly loading = new Map<string, Promise<ScanTarget | null>>();
  // Bumped by every invalidation: a lookup that started before one must not store what it read.
  private epoch = 0;
  constructor(private readonly opts: { ttlMs?: number; maxEntries?: number; now?: () => number } = {}) {}

  private now = () => this.opts.now?.() ?? Date.now();

  async get(code: string, load: (code: string) => Promise<ScanTarget | null>): Promise<ScanTarget | null> {
    const hit = this.entries.get(code);
    if (hit && hit.expires > this.now()) return hit.value;
    return this.load(code, load);
  }

  /** Starts a load of `code`, or joins the one already running. */
  private load(code: string, load: (code: string) => Promise<ScanTarget | null>): Promise<ScanTarget | null> {
    const running = this.loading.get(code);
    if (running) return running;
    const epoch = this.epoch;
    const started = this.now();
    const pending = load(code)
      .then((loaded) => {
        const old = this.entries.get(code);
        // Unchanged data keeps its object, so pages rendered from it (shared-page-cache.ts) stay valid.
        const value = old && isDeepStrictEqual(old.value, loaded) ? old.value : loaded;
        if (epoch === this.epoch) {
          this.entries.delete(code);
          // Unknown codes are cached too, so someone trying random codes costs one query per code per TTL, not per request.
          if (this.entries.size >= (this.opts.maxEntries ?? MAX_ENTRIES)) this.entries.delete(this.entries.keys().next().value!);
          this.entries.set(code, { value, expires: started + (this.opts.ttlMs ?? TTL_MS) });
        }
        return value;
      })
      .finally(() => {
        if (this.loading.get(code) === pending) this.loading.delete(code);
      });
    this.loading.set(code, pending);
    return pending;
  }

  /**
   * Without waiting: the cached lookup, or undefined when there is none. An entry past its TTL is still returned for
   * up to one more TTL while a reload runs in the background (stale-while-revalidate); invalidations drop entries
   * outright, so this only ever serves data that was current less than two TTLs ago and has not been changed since
   * by this deployment.
   */
  peek(code: string, load: (code: string) => Promise<ScanTarget | null>): ScanTarget | null | undefined {
    const hit = this.entries.get(code);
    if (!hit) return undefined;
    const now = this.now();
    if (hit.expires > now) return hit.value;
    this.load(code, load).catch(() => {}); // a failed reload leaves the entry to age out
    return hit.expires + (this.opts.ttlMs ?? TTL_MS) > now ? hit.value : undefined;
  }

  drop(codes: readonly string[]): void {
    this.epoch++;
    for (const code of codes) {
      this.entries.delete(code);
      this.loading.delete(code); // a load that started before the change must not answer later lookups
    }
  }

  has(code: string): boolean {
    return this.entries.has(code);
  }
}

export interface QrCacheDeps {
  redis: { client: Redis } | null;
  config: { QUEUE_PREFIX: string };
  logger: { warn(obj: object, msg: string): void };
}

export interface QrCacheHandle {
  cache: ScanCache;
  /** Resolves once this process listens for other processes' invalidations (immediately without Redis). */
  ready: Promise<void>;
  /** Drops the codes here and tells the other processes; a Redis failure is logged, the TTL then bounds staleness. */
  invalidate(codes: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export const invalidationChannel = (prefix: string) => `${prefix}:qr:invalidate`;

/** Wires a cache to a channel: `subscriber` must be a connection of its own (subscribe mode). */
export function connectScanCache(cache: ScanCache, opts: { publisher: Redis; subscriber: Redis; channel: string; logger: QrCacheDeps['logger'] }): QrCacheHandle {
  const { publisher, subscriber, channel, logger } = opts;
  subscriber.on('message', (ch: string, message: string) => {
    if (ch !== channel) return;
    try {
      const codes: unknown = JSON.parse(message);
      if (Array.isArray(codes)) cache.drop(codes.filter((c): c is string => typeof c === 'string'));
    } catch {
      logger.warn({ channel }, 'qr cache: unreadable invalidation message');
    }
  });
  subscriber.on('error', () => {}); // ioredis reconnects and resubscribes by itself; the TTL covers the gap
  const ready = subscriber.subscribe(channel).then(
    () => undefined,
    (err: unknown) => logger.warn({ err }, 'qr cache: could not subscribe to invalidations'),
  );
  return {
    cache,
    ready,
    async invalidate(codes) {
      cache.drop(codes);
      if (!codes.length) return;
      await publisher.publish(channel, JSON.stringify(codes)).catch((err: unknown) => logger.warn({ err }, 'qr cache: could not publish invalidation'));
    },
    close: async () => subscriber.disconnect(),
  };
}

// One cache per app instance (not per module) so tests that build several apps never share entries.
const handles = new WeakMap<object, QrCacheHandle>();

export function qrScanCache(deps: QrCacheDeps): QrCacheHandle {
  let handle = handles.get(deps);
  if (!handle) {
    const cache = new ScanCache();
    handle = deps.redis
      ? connectScanCache(cache, {
          publisher: deps.redis.client,
          subscriber: deps.redis.client.duplicate({ lazyConnect: false }),
          channel: invalidationChannel(deps.config.QUEUE_PREFIX),
          logger: deps.logger,
        })
      : { cache, ready: Promise.resolve(), invalidate: async (codes) => cache.drop(codes), close: async () => {} };
    handles.set(deps, handle);
  }
  return handle;
}

/** For shutdown and tests: closes this app's subscriber connection, if one was opened. */
export async function closeQrScanCache(deps: object): Promise<void> {
  await handles.get(deps)?.close();
  handles.delete(deps);
}
