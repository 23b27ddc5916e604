// Multi-process harness: several real app processes (src/main.ts --web / --worker) sharing one database and queue prefix.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { inject } from 'vitest';
import type { ClonedDatabase } from './db';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUTPUT_CAP = 256 * 1024;

/** Children still running when the test worker exits are killed, so a failed test cannot leak processes. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface AppProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly name: string;
  /** Combined stdout+stderr so far (last 256 KiB). */
  output(): string;
  /** Last lines of output, quoted so vitest does not parse the child's stack frames. */
  tail(): string;
  /** Resolves when the output matches; rejects on deadline or exit first. */
  waitForOutput(pattern: RegExp, ms: number): Promise<void>;
  /** Resolves with the exit status, or null if still running after `ms`. */
  waitForExit(ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null } | null>;
  exited(): boolean;
  /** SIGTERM, SIGKILL after `graceMs`; safe to call on an exited process. */
  stop(graceMs?: number): Promise<void>;
}

export async function freePort(): Promise<number> {
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

/**
 * Spawns `node --import tsx src/main.ts ...args` with the test's environment stripped of vitest markers.
 * `undefined` in env removes a variable (e.g. REDIS_URL).
 */
export function spawnApp(opts: { name: string; args: string[]; env: Record<string, string | undefined> }): AppProcess {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('VITEST') || k === 'TEST') delete env[k];
  // Vite's import.meta.env leaks into process.env under vitest (BASE_URL is '/'): not the app's variables.
  for (const k of ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR']) delete env[k];
  Object.assign(env, { NODE_ENV: 'test', LOG_LEVEL: 'info', HOST: '127.0.0.1', METRICS_TOKEN: PROCESS_METRICS_TOKEN }, opts.env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];

  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...opts.args], {
    cwd: ROOT,
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let out = '';
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    }),
  );
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    out += chunk.toString('utf8');
    if (out.length > OUTPUT_CAP) out = out.slice(-OUTPUT_CAP);
    for (const l of listeners) l();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const tail = () => `[${opts.name} pid ${child.pid}]\n${(out.slice(-3000).trimEnd() || '(no output)').replace(/^/gm, '  │ ')}`;

  const self: AppProcess = {
    child,
    pid: child.pid!,
    name: opts.name,
    output: () => out,
    tail,
    exited,
    waitForOutput(pattern, ms) {
      return new Promise<void>((resolve, reject) => {
        const done = (err?: Error) => {
          clearTimeout(timer);
          listeners.delete(check);
          if (err) reject(err);
          else resolve();
        };
        const check = () => {
          if (pattern.test(out)) done();
        };
        const timer = setTimeout(() => done(new Error(`no ${pattern} within ${ms} ms:\n${tail()}`)), ms);
        void exit.then((s) => {
          if (!pattern.test(out)) done(new Error(`exited (${s.code ?? s.signal}) before ${pattern}:\n${tail()}`));
        });
        listeners.add(check);
        check();
      });
    },
    waitForExit(ms) {
      return Promise.race([exit, new Promise<null>((r) => setTimeout(() => r(null), ms).unref())]);
    },
    async stop(graceMs = 5000) {
      if (exited()) return;
      child.kill('SIGTERM');
      if (!(await self.waitForExit(graceMs))) {
        child.kill('SIGKILL');
        await self.waitForExit(5000);
      }
    },
  };
  return self;
}

/** The bearer token every spawned process is given, so the harness can read the detailed /healthz. */
export const PROCESS_METRICS_TOKEN = 'test-metrics-token-for-spawned-processes';

/** Polls GET /healthz (with the metrics token: the details) until 200; fails fast if the process exits. */
export async function waitHealthy(proc: AppProcess, url: string, ms = 60_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + ms;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (proc.exited()) throw new Error(`exited before healthy:\n${proc.tail()}`);
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000), headers: { Authorization: `Bearer ${PROCESS_METRICS_TOKEN}` } });
      const body = await res.text();
      if (res.status === 200) return JSON.parse(body) as Record<string, unknown>;
      last = `HTTP ${res.status}: ${body.slice(0, 300)}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await sleep(150);
  }
  throw new Error(`not healthy after ${ms} ms (last: ${last}):\n${proc.tail()}`);
}

/** Polls `fn` until it returns a truthy value or the deadline passes (then throws with `what`). */
export async function pollUntil<T>(what: string, fn: () => Promise<T | undefined | null | false>, ms: number, everyMs = 100): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A raw, EMPTY database (no migrations), named like the clones (t_<runId>_…) so global teardown drops it if a test
 * crashes before drop().
 */
export async function createEmptyDatabase(): Promise<ClonedDatabase> {
  const base = inject('pgBaseUrl');
  const name = `t_${inject('runId')}_${process.env.VITEST_POOL_ID ?? '0'}_e${randomBytes(4).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}" template template0`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    name,
    url: u.toString(),
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
