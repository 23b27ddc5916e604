// Reads at district scale (district/generate.ts: 1,000,000 residents, 1,000,000 submissions, 10,000,000 transfers):
// a resident's points page (listMyLedger: balance, pending, expiring, first page of entries) and the staff queue's
// first page (listQueue) for a grid worker and a community admin, each p99 at 8 concurrent, beside a primary-key
// SELECT on the same database as the floor. Ranking and the monthly report are not built yet: reported as not measured.
import postgres from 'postgres';
import type { StaffScope } from '../../src/domain/auth/staff-scope';
import { listQueue } from '../../src/domain/console/list-queue';
import { queueFilterOf } from '../../src/domain/console/queue-filter';
import { listMyLedger } from '../../src/domain/points/list-my-ledger';
import { COMMUNITIES, GRIDS_PER_COMMUNITY, openDistrict } from './district/generate';
import { percentile, result, round, timed, type BenchResult } from './format';

const CONCURRENCY = 8;
const N = 2000;

export async function benchReads(): Promise<BenchResult[]> {
  const d = await openDistrict();
  const db = d.database.db;
  const size = { residents: d.residents, submissions: d.submissions, transfers: d.transfers, generated_s: d.generatedSeconds ?? 'reused' };
  try {
    const raw = postgres(d.url, { max: CONCURRENCY, onnotice: () => {} });
    const pick = (i: number) => ((i * 7_654_321) % d.residents) + 1;
    await timed(300, CONCURRENCY, (i) => raw`select balance from point_accounts where id = ${i + 1}`);
    const floor = await timed(N, CONCURRENCY, (i) => raw`select balance from point_accounts where id = ${pick(i) + 2 * COMMUNITIES}`);
    await raw.end();

    await timed(200, CONCURRENCY, (i) => listMyLedger(db, d.residentUser(pick(i + N)), 1)); // warm
    const balance = await timed(N, CONCURRENCY, (i) => listMyLedger(db, d.residentUser(pick(i)), 1));

    const filter = queueFilterOf(() => undefined);
    const grid = (i: number) => (i % (COMMUNITIES * GRIDS_PER_COMMUNITY)) + 1;
    const gridScope = (i: number): StaffScope => [{ communityId: Math.floor((grid(i) - 1) / GRIDS_PER_COMMUNITY) + 1, communityName: '', role: 'grid_worker', gridIds: [grid(i)] }];
    const adminScope = (i: number): StaffScope => [{ communityId: (i % COMMUNITIES) + 1, communityName: '', role: 'community_admin', gridIds: null }];
    const queue = (scope: (i: number) => StaffScope, userId: (i: number) => number) => timed(400, CONCURRENCY, (i) => listQueue(db, { scope: scope(i), userId: userId(i), view: 'queue', filter }));
    await queue(gridScope, grid);
    const gridQueue = await queue(gridScope, grid);
    const adminQueue = await queue(adminScope, (i) => COMMUNITIES * GRIDS_PER_COMMUNITY + (i % COMMUNITIES) + 1);

    const p99 = (xs: number[]) => round(percentile(xs, 99), 2);
    const floorP99 = p99(floor.latencies);
    const queueP99 = Math.max(p99(gridQueue.latencies), p99(adminQueue.latencies));
    return [
      result({
        scenario: 'reads_balance', value: p99(balance.latencies), unit: 'ms p99', baseline: floorP99, target: 'p99_ms<=5', ok: p99(balance.latencies) <= 5,
        detail: { ...size, p50_ms: round(percentile(balance.latencies, 50), 2), per_s: Math.round(balance.perSecond), concurrency: CONCURRENCY, path: 'listMyLedger (the /me/points page)', baseline_is: 'primary-key SELECT of the balance' },
      }),
      result({
        scenario: 'reads_staff_queue', value: queueP99, unit: 'ms p99', baseline: floorP99, target: 'p99_ms<=50', ok: queueP99 <= 50,
        detail: { ...size, grid_worker_p99_ms: p99(gridQueue.latencies), community_admin_p99_ms: p99(adminQueue.latencies), concurrency: CONCURRENCY, path: 'listQueue first page, open items' },
      }),
      result({ scenario: 'reads_ranking', value: null, unit: 'ms p99', baseline: null, target: 'p99_ms<=200', ok: null, detail: { not_measured: 'the ranking is not built yet (another engineer builds it)' } }),
      result({ scenario: 'reads_monthly_report', value: null, unit: 'ms p99', baseline: null, target: 'p99_ms<=200', ok: null, detail: { not_measured: 'the monthly report is not built yet (another engineer builds it)' } }),
    ];
  } finally {
    await d.database.close();
  }
}
