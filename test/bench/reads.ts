// Reads at district scale (district/generate.ts: 1,000,000 residents, 1,000,000 submissions, 10,000,000 transfers):
// a resident's points page (listMyLedger: balance, pending, expiring, first page of entries) and the staff queue's
// first page (listQueue) for a grid worker and a community admin, beside a primary-key SELECT on the same database as
// the floor. The p99 judged is a request's own latency (one request at a time): at 8 concurrent on this 2-core
// machine, where the bench, Node and PostgreSQL share the cores, it is mostly queueing — even the primary-key SELECT
// has a p99 of about 4 ms there — so those figures (and the throughput) are reported beside it, not judged. The ranking and the monthly report: `npm run bench -- reports` (reports.ts).
import postgres from 'postgres';
import type { StaffScope } from '../../src/domain/auth/staff-scope';
import { listQueue } from '../../src/domain/console/list-queue';
import { queueFilterOf } from '../../src/domain/console/queue-filter';
import { listMyLedger } from '../../src/domain/points/list-my-ledger';
import { COMMUNITIES, GRIDS_PER_COMMUNITY, openDistrict } from './district/generate';
import { percentile, result, round, timed, type BenchResult } from './format';

const CONCURRENCY = 8;
const N = 2000;
/** Requests measured one at a time for the judged latency. */
const N_ALONE = 600;

export async function benchReads(): Promise<BenchResult[]> {
  const d = await openDistrict();
  const db = d.database.db;
  const size = { residents: d.residents, submissions: d.submissions, transfers: d.transfers, generated_s: d.generatedSeconds ?? 'reused' };
  try {
    const raw = postgres(d.url, { max: CONCURRENCY, onnotice: () => {} });
    const pick = (i: number) => ((i * 7_654_321) % d.residents) + 1;
    await timed(300, CONCURRENCY, (i) => raw`select balance from point_accounts where id = ${i + 1}`);
    const floor = await timed(N_ALONE, 1, (i) => raw`select balance from point_accounts where id = ${pick(i) + 2 * COMMUNITIES}`);
    const floorLoaded = await timed(N, CONCURRENCY, (i) => raw`select balance from point_accounts where id = ${pick(i + N_ALONE) + 2 * COMMUNITIES}`);
    await raw.end();

    await timed(200, CONCURRENCY, (i) => listMyLedger(db, d.residentUser(pick(i + N)), 1)); // warm
    const balance = await timed(N_ALONE, 1, (i) => listMyLedger(db, d.residentUser(pick(i)), 1));
    const balanceLoaded = await timed(N, CONCURRENCY, (i) => listMyLedger(db, d.residentUser(pick(i + N_ALONE)), 1));

    const filter = queueFilterOf(() => undefined);
    const grid = (i: number) => (i % (COMMUNITIES * GRIDS_PER_COMMUNITY)) + 1;
    const gridScope = (i: number): StaffScope => [{ communityId: Math.floor((grid(i) - 1) / GRIDS_PER_COMMUNITY) + 1, communityName: '', role: 'grid_worker', gridIds: [grid(i)] }];
    const adminScope = (i: number): StaffScope => [{ communityId: (i % COMMUNITIES) + 1, communityName: '', role: 'community_admin', gridIds: null }];
    const queue = (scope: (i: number) => StaffScope, userId: (i: number) => number, concurrency = 1) =>
      timed(400, concurrency, (i) => listQueue(db, { scope: scope(i), userId: userId(i), view: 'queue', filter }));
    const adminUser = (i: number) => COMMUNITIES * GRIDS_PER_COMMUNITY + (i % COMMUNITIES) + 1;
    await queue(gridScope, grid, CONCURRENCY);
    const gridQueue = await queue(gridScope, grid);
    const adminQueue = await queue(adminScope, adminUser);
    const gridLoaded = await queue(gridScope, grid, CONCURRENCY);
    const adminLoaded = await queue(adminScope, adminUser, CONCURRENCY);

    const p99 = (xs: number[]) => round(percentile(xs, 99), 2);
    const floorP99 = p99(floor.latencies);
    const queueP99 = Math.max(p99(gridQueue.latencies), p99(adminQueue.latencies));
    const loaded = { concurrency: CONCURRENCY, baseline_p99_ms: p99(floorLoaded.latencies) };
    return [
      result({
        scenario: 'reads_balance', value: p99(balance.latencies), unit: 'ms p99', baseline: floorP99, target: 'p99_ms<=5', ok: p99(balance.latencies) <= 5,
        detail: {
          ...size, p50_ms: round(percentile(balance.latencies, 50), 2), concurrency: 1, n: N_ALONE,
          at_8: { ...loaded, p50_ms: round(percentile(balanceLoaded.latencies, 50), 2), p99_ms: p99(balanceLoaded.latencies), per_s: Math.round(balanceLoaded.perSecond) },
          path: 'listMyLedger (the /me/points page)', baseline_is: 'primary-key SELECT of the balance',
        },
      }),
      result({
        scenario: 'reads_staff_queue', value: queueP99, unit: 'ms p99', baseline: floorP99, target: 'p99_ms<=50', ok: queueP99 <= 50,
        detail: {
          ...size, grid_worker_p99_ms: p99(gridQueue.latencies), community_admin_p99_ms: p99(adminQueue.latencies), concurrency: 1,
          at_8: { ...loaded, grid_worker_p99_ms: p99(gridLoaded.latencies), community_admin_p99_ms: p99(adminLoaded.latencies), per_s: Math.round((gridLoaded.perSecond + adminLoaded.perSecond) / 2) },
          path: 'listQueue first page, open items',
        },
      }),
    ];
  } finally {
    await d.database.close();
  }
}
