// The one line every bench scenario prints: its figure, the same-run baseline it is judged against, and the verdict.
import { loadavg } from 'node:os';

export interface BenchResult {
  scenario: string;
  value: number | null;
  unit: string;
  /** Measured in the same run (or a fixed budget where nothing can be measured alongside, e.g. page weight). */
  baseline: number | null;
  /** value / baseline, or null when one of them is missing. */
  ratio: number | null;
  /** What "ok" means, e.g. "ratio>=0.5 && p99_ms<=20". */
  target: string;
  ok: boolean | null;
  /** Context that explains the figure (p99, concurrency, load average…); never needed to judge it. */
  detail?: Record<string, unknown>;
}

export const round = (x: number, digits = 2) => Number(x.toFixed(digits));

export function result(r: Omit<BenchResult, 'ratio'> & { ratio?: number | null }): BenchResult {
  const ratio = r.ratio !== undefined ? r.ratio : r.value !== null && r.baseline ? round(r.value / r.baseline, 3) : null;
  return { scenario: r.scenario, value: r.value, unit: r.unit, baseline: r.baseline, ratio, target: r.target, ok: r.ok, detail: { ...r.detail, load1: load1() } };
}

/** The 1-minute load average: benches share the machine, so each figure carries it. */
export const load1 = () => round(loadavg()[0], 2);

export const percentile = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** Runs fn n times over `concurrency` workers; returns ops per second and each op's latency in ms. */
export async function timed(n: number, concurrency: number, fn: (i: number) => Promise<unknown>): Promise<{ perSecond: number; latencies: number[] }> {
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const t0 = performance.now();
        await fn(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { perSecond: n / ((performance.now() - started) / 1000), latencies };
}
