// Finds Redis: REDIS_URL if set; else a redis-server started from PATH with its data under DATA_DIR; else none (in-process jobs).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Redis, type RedisOptions } from 'ioredis';
import type { Config } from '../config';
import type { Logger } from '../logger';

export interface RedisHandle {
  mode: 'external' | 'local';
  /** Options for BullMQ connections (each Worker/Queue opens its own). */
  options: RedisOptions;
  /** Shared client for rate limits and health checks; fails fast instead of queueing commands forever. */
  client: Redis;
  stop(): Promise<void>;
}

/**
 * `allowLocal: false` (a single-role process) never starts its own redis-server: a `--web` and a `--worker` process would
 * each start one on the same socket and AOF under DATA_DIR, and jobs would be queued where no worker looks. Without
 * REDIS_URL such processes share work through the outbox table instead (in-process runtime).
 */
export async function connectRedis(config: Config, logger: Logger, opts: { allowLocal?: boolean } = {}): Promise<RedisHandle | null> {
  if (config.REDIS_URL) return open('external', optionsFromUrl(config.REDIS_URL), async () => {});
  if (opts.allowLocal === false || config.NO_LOCAL_REDIS || !hasRedisServer()) return null;
  try {
    const local = await startLocalRedis(config.DATA_DIR);
    logger.info({ socket: local.socket }, 'started local redis-server (AOF on) under DATA_DIR');
    return open('local', { path: local.socket }, local.stop);
  } catch (err) {
    logger.warn({ err }, 'could not start local redis-server; falling back to in-process jobs');
    return null;
  }
}

function optionsFromUrl(url: string): RedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
  };
}

async function open(mode: RedisHandle['mode'], options: RedisOptions, stopServer: () => Promise<void>): Promise<RedisHandle> {
  const client = new Redis({ ...options, maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: true });
  client.on('error', () => {}); // reported through /healthz; ioredis reconnects by itself
  await client.connect();
  await client.ping();
  return {
    mode,
    options,
    client,
    async stop() {
      client.disconnect();
      await stopServer();
    },
  };
}

const hasRedisServer = () => spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

async function startLocalRedis(dataDir: string): Promise<{ socket: string; stop: () => Promise<void> }> {
  const dir = path.resolve(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  // A unix socket inside DATA_DIR: no port to collide with, nothing reachable from the network.
  const socket = path.join(dir, 'redis.sock');
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', '0', '--unixsocket', socket, '--unixsocketperm', '700', '--dir', dir, '--appendonly', 'yes', '--save', '', '--maxmemory-policy', 'noeviction'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout?.on('data', (d) => (log = (log + d).slice(-4000)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start: ${log}`));
    }, 10_000);
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${log}`)));
    child.stdout?.on('data', () => {
      if (/ready to accept connections/i.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return {
    socket,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
