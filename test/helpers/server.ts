// e2e harness: runs the real server (src/main.ts) as a child process against a cloned database and a private queue prefix.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, vi } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client';
import { cloneTemplateDatabase, flushPrefix, testRedisUrl, uniquePrefix } from './db';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const READY_TIMEOUT_MS = 60_000;
const KILL_AFTER_MS = 10_000;
const OUTPUT_CAP = 256 * 1024;

/** Children still running when the worker exits are killed, so a forgotten stop() cannot leak servers. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface StartServerOptions {
  /** Overrides on top of the harness env; `undefined` removes a variable (e.g. REDIS_URL for embedded mode). */
  env?: Record<string, string | undefined>;
  /** Extra CLI args for src/main.ts, e.g. ['--web']. */
  args?: string[];
  /** Entry script relative to the project root; only the harness's own checks point it elsewhere. */
  entry?: string;
}

export interface TestServer {
  url: string;
  port: number;
  /** Database the server uses, opened for assertions and seeding from the test. */
  db: { name: string; url: string; database: Database };
  queuePrefix: string;
  /** Combined stdout+stderr so far (last 256 KiB). */
  output(): string;
  /** SIGTERM, then SIGKILL after 10 s; then drops the database and the queue keys. Safe to call twice. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  // Port 0 lets the OS choose; the tiny window before the child binds it is acceptable in tests.
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function startServer(opts: StartServerOptions = {}): Promise<TestServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const clone = await cloneTemplateDatabase();
  const queuePrefix = uniquePrefix('e2e');
  const redisUrl = testRedisUrl();

  const env: Record<string, string | undefined> = { ...process.env };
  // The child is a normal app process, not a vitest worker: drop vitest's markers so nothing inside behaves as a test.
  for (const k of Object.keys(env)) if (k.startsWith('VITEST') || k === 'TEST') delete env[k];
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    BASE_URL: url,
    DATABASE_URL: clone.url,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: queuePrefix,
    DEMO_MODE: '1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
    ...opts.env,
  });
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];

  // tsx 4 registers itself as an ESM loader via --import on Node >= 20.6; no npx wrapper process to signal through.
  const child = spawn(process.execPath, ['--import', 'tsx', opts.entry ?? 'src/main.ts', ...(opts.args ?? [])], {
    cwd: ROOT,
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));

  let out = '';
  const collect = (chunk: Buffer) => {
    out += chunk.toString('utf8');
    if (out.length > OUTPUT_CAP) out = out.slice(-OUTPUT_CAP);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  // Quoted with "│ " so vitest does not mistake the child's stack lines for frames of this error: it then tries to
  // load their source maps (tsx's loader) and crashes the report, hiding the child's actual output.
  const tail = () => (out.slice(-4000).trimEnd() || '(no output)').replace(/^/gm, '  │ ');

  let database: Database | undefined;
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        if (!(await waitForExit(child, KILL_AFTER_MS))) {
          child.kill('SIGKILL');
          await waitForExit(child, 5_000);
        }
      }
      await database?.close().catch(() => {});
      await clone.drop();
      const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
      try {
        await flushPrefix(redis, queuePrefix);
      } finally {
        redis.disconnect();
      }
    })());

  try {
    await waitUntilHealthy(child, url, tail);
    database = await openDatabase({ url: clone.url, dataDir: 'unused', max: 2 });
  } catch (err) {
    await stop().catch(() => {});
    throw err;
  }

  return {
    url,
    port,
    db: { name: clone.name, url: clone.url, database },
    queuePrefix,
    output: () => out,
    stop,
  };
}

async function waitUntilHealthy(child: ChildProcess, url: string, tail: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited before ready (code ${child.exitCode}, signal ${child.signalCode}):\n${tail()}`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
      last = `HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not healthy after ${READY_TIMEOUT_MS / 1000}s (last: ${last}):\n${tail()}`);
}

/**
 * Top-level helper for e2e files: starts the server in beforeAll, stops it in afterAll.
 * Also raises this file's test timeout to 60 s, since browser steps against a real server are slow.
 */
export function useServer(opts: StartServerOptions = {}): TestServer {
  vi.setConfig({ testTimeout: 60_000 });
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startServer(opts);
  });
  afterAll(async () => {
    await server?.stop();
  });
  const get = (): TestServer => {
    if (!server) throw new Error('useServer(): read before beforeAll ran');
    return server;
  };
  return {
    get url() {
      return get().url;
    },
    get port() {
      return get().port;
    },
    get db() {
      return get().db;
    },
    get queuePrefix() {
      return get().queuePrefix;
    },
    output: () => get().output(),
    stop: () => get().stop(),
  };
}
