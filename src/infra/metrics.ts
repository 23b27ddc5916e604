// Prometheus metrics: request latency by route, job outcomes, queue backlog and ledger differences (read when scraped).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'anlin_' });
  let backlogSource: (() => Promise<Record<string, number>>) | undefined;
  let ledgerSource: (() => Promise<number | null>) | undefined;
  return {
    registry,
    httpDuration: new Histogram({
      name: 'anlin_http_request_duration_seconds',
      help: 'HTTP request duration by route pattern',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    jobsCompleted: new Counter({ name: 'anlin_jobs_completed_total', help: 'Jobs completed', labelNames: ['name'] as const, registers: [registry] }),
    jobsFailed: new Counter({
      name: 'anlin_jobs_failed_total',
      help: 'Job attempts that failed (final = no retry left)',
      labelNames: ['name', 'final'] as const,
      registers: [registry],
    }),
    backlog: new Gauge({
      name: 'anlin_queue_jobs',
      help: 'Jobs in the queue by state',
      labelNames: ['state'] as const,
      registers: [registry],
      async collect() {
        if (!backlogSource) return;
        const counts = await backlogSource().catch(() => ({}) as Record<string, number>);
        for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
      },
    }),
    setBacklogSource(fn: () => Promise<Record<string, number>>) {
      backlogSource = fn;
    },
    // Read from the database at scrape time: the reconciliation runs in a worker, /metrics may be served by a web process.
    ledgerDifferences: new Gauge({
      name: 'anlin_ledger_differences',
      help: 'Accounts whose cached balance differs from their transfers, at the latest reconciliation run',
      registers: [registry],
      async collect() {
        if (!ledgerSource) return;
        const n = await ledgerSource().catch(() => null);
        if (n !== null) this.set(n);
      },
    }),
    setLedgerSource(fn: () => Promise<number | null>) {
      ledgerSource = fn;
    },
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
