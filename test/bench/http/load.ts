// One HTTP load run with autocannon (64 connections by default, like the wrk runs), summarised.
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

export async function load(url: string, opts: { connections?: number; seconds?: number; headers?: Record<string, string> } = {}): Promise<LoadSummary> {
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
