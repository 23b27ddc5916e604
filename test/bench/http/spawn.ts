// Child processes for HTTP benches: the real app (src/main.ts --web) and the bare-Hono baseline, on ports 4120+
// unless BENCH_PORT_BASE says otherwise. Each waits until it answers HTTP, and is killed when the bench exits.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export const benchPort = (offset: number) => Number(process.env.BENCH_PORT_BASE ?? 4120) + offset;

export interface Child {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

async function waitUntilServing(url: string, child: ChildProcess, output: () => string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`bench server exited early:\n${output().slice(-2000)}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`bench server did not start within ${ms} ms:\n${output().slice(-2000)}`);
}

function start(script: string, args: string[], env: Record<string, string>, port: number, nodeArgs: string[] = []): Promise<Child> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let out = '';
  const collect = (b: Buffer) => void (out = (out + b.toString()).slice(-64 * 1024));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(t);
    live.delete(child);
  };
  return waitUntilServing(url, child, () => out).then(() => ({ url, output: () => out, stop }));
}

/** The app as production runs it: one web process, NODE_ENV=production, LOG_LEVEL=warn. BENCH_CPU_PROF=dir profiles it. */
export function startApp(opts: { databaseUrl: string; redisUrl: string; prefix: string; port: number; env?: Record<string, string> }): Promise<Child> {
  const prof = process.env.BENCH_CPU_PROF;
  return start(
    'src/main.ts',
    ['--web'],
    {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      BASE_URL: `http://127.0.0.1:${opts.port}`,
      DATABASE_URL: opts.databaseUrl,
      REDIS_URL: opts.redisUrl,
      QUEUE_PREFIX: opts.prefix,
      ...opts.env,
    },
    opts.port,
    prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [],
  );
}

/** Bare Hono + @hono/node-server answering every GET with `bytes` bytes of `type` (or replaying `replayFile`). */
export function startBareHono(opts: { port: number; bytes: number; type?: string; replayFile?: string }): Promise<Child> {
  return start(
    'test/bench/http/bare-hono.ts',
    [],
    { BODY_BYTES: String(opts.bytes), BODY_TYPE: opts.type ?? 'text/html; charset=utf-8', ...(opts.replayFile ? { REPLAY_FILE: opts.replayFile } : {}) },
    opts.port,
  );
}
