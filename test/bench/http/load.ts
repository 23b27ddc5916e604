// One HTTP load run, summarised: wrk (C, 2 threads, like the figures) when it is on PATH, else autocannon.
// autocannon parses responses in JavaScript (http-parser-js) on the same two cores, so its figures fall with every
// response header; wrk's fall far less. BENCH_LOADGEN=autocannon|wrk chooses; each line says which one ran.
import { execFile, execFileSync } from 'node:child_process';
import autocannon from 'autocannon';

export interface LoadSummary {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  bytesPerReq: number;
}

/** A phone's request: browsers always offer gzip and brotli. */
export const PHONE_HEADERS = { 'accept-encoding': 'gzip, deflate, br', accept: 'text/html,*/*', 'user-agent': 'Mozilla/5.0 (Linux; Android 10) bench' };

const hasWrk = (() => {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (err) {
    return (err as { status?: number }).status === 1; // wrk --version prints its version and exits 1
  }
})();
export const LOADGEN: 'wrk' | 'autocannon' = (process.env.BENCH_LOADGEN as 'wrk' | 'autocannon' | undefined) ?? (hasWrk ? 'wrk' : 'autocannon');

type LoadOptions = { connections?: number; seconds?: number; headers?: Record<string, string> };

export function load(url: string, opts: LoadOptions = {}): Promise<LoadSummary> {
  return LOADGEN === 'wrk' ? wrk(url, opts) : cannon(url, opts);
}

const ms = (v: string) => {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(v.trim());
  if (!m) return NaN;
  return Number(m[1]) * { us: 0.001, ms: 1, s: 1000, m: 60_000 }[m[2] as 'us' | 'ms' | 's' | 'm'];
};

async function wrk(url: string, opts: LoadOptions): Promise<LoadSummary> {
  const args = ['-t2', `-c${opts.connections ?? 64}`, `-d${opts.seconds ?? Number(process.env.BENCH_HTTP_SECONDS ?? 4)}s`, '--latency', '--timeout', '10s'];
  for (const [k, v] of Object.entries(opts.headers ?? PHONE_HEADERS)) args.push('-H', `${k}: ${v}`);
  const out = await new Promise<string>((resolve, reject) => execFile('wrk', [...args, url], (err, stdout) => (err ? reject(err) : resolve(stdout))));
  const num = (re: RegExp) => Number(re.exec(out)?.[1] ?? 0);
  const requests = num(/(\d+) requests in/);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const bytes = /requests in [\d.]+\w+, ([\d.]+)(B|KB|MB|GB) read/.exec(out);
  const totalBytes = bytes ? Number(bytes[1]) * { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[bytes[2] as 'B'] : 0;
  return {
    reqPerSec: Math.round(num(/Requests\/sec:\s+([\d.]+)/)),
    p50Ms: ms(/\s50%\s+(\S+)/.exec(out)?.[1] ?? ''),
    p99Ms: ms(/\s99%\s+(\S+)/.exec(out)?.[1] ?? ''),
    errors: sock ? Number(sock[1]) + Number(sock[2]) + Number(sock[3]) + Number(sock[4]) : 0,
    non2xx: num(/Non-2xx or 3xx responses: (\d+)/),
    bytesPerReq: requests ? Math.round(totalBytes / requests) : 0,
  };
}

async function cannon(url: string, opts: LoadOptions): Promise<LoadSummary> {
  const r = await autocannon({
    url,
    connections: opts.connections ?? 64,
    duration: opts.seconds ?? Number(process.env.BENCH_HTTP_SECONDS ?? 4),
    headers: opts.headers ?? PHONE_HEADERS,
    timeout: 10,
  });
  const total = r['2xx'] + r.non2xx;
  return {
    reqPerSec: Math.round(r.requests.total / r.duration),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    bytesPerReq: total ? Math.round(r.throughput.total / total) : 0,
  };
}

/** A short warm-up so the JIT and the connection pools are in their steady state before the measured run. */
export const warm = (url: string, headers?: Record<string, string>) => load(url, { seconds: 2, connections: 16, headers });
