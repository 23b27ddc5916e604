// `npm run bench -- reports`: the monthly report and the public ranking at district scale (district/generate.ts:
// 1,000,000 submissions, 10,000,000 transfers). Both read rollups; the bench first rolls the whole history up once
// (what reports.refresh does the first time; reported as detail), then times each read at 8 concurrent against a
// primary-key SELECT on the same database as the floor. Target: p99 under 200 ms.
import postgres from 'postgres';
import type { StaffScope } from '../../src/domain/auth/staff-scope';
import { monthlyReport } from '../../src/domain/reports/monthly-report';
import { monthOf, shiftMonth } from '../../src/domain/reports/months';
import { publicRanking } from '../../src/domain/reports/public-ranking';
import { refreshRollups } from '../../src/domain/reports/refresh-rollups';
import { COMMUNITIES, GRIDS_PER_COMMUNITY, openDistrict } from './district/generate';
import { percentile, result, round, timed, type BenchResult } from './format';

const CONCURRENCY = 8;
const N = 400;
const TZ = 'Asia/Shanghai';

export async function benchReports(): Promise<BenchResult[]> {
  const d = await openDistrict();
  const db = d.database.db;
  try {
    const raw = postgres(d.url, { max: CONCURRENCY, onnotice: () => {} });
    const rolled = await raw`select count(*)::int as n from report_monthly`;
    const t0 = performance.now();
    // The first refresh rolls every month up; later ones (every 10 minutes) only this month and last.
    const backfill = rolled[0].n > 0 ? null : await refreshRollups(db, { timeZone: TZ });
    const backfillS = backfill ? round((performance.now() - t0) / 1000, 1) : null;
    const t1 = performance.now();
    const current = monthOf(new Date(), TZ);
    await refreshRollups(db, { timeZone: TZ, months: [shiftMonth(current, -1), current] });
    const steadyS = round((performance.now() - t1) / 1000, 1);

    await timed(200, CONCURRENCY, (i) => raw`select balance from point_accounts where id = ${i + 1}`);
    const floor = await timed(N, CONCURRENCY, (i) => raw`select balance from point_accounts where id = ${(i % 1000) + 41}`);
    await raw.end();

    const month = (i: number) => shiftMonth(current, -(i % 12));
    const admin = (c: number): StaffScope => [{ communityId: c, communityName: '', role: 'community_admin', gridIds: null }];
    const community = (i: number) => (i % COMMUNITIES) + 1;
    const report = (i: number) => monthlyReport(db, { scope: admin(community(i)), communityId: community(i), gridId: i % 3 === 0 ? 0 : (community(i) - 1) * GRIDS_PER_COMMUNITY + (i % GRIDS_PER_COMMUNITY) + 1, month: month(i) });
    const ranking = (i: number) => publicRanking(db, { communityCode: String(320113000000 + community(i)), month: month(i), current, gridId: 0 });
    await timed(100, CONCURRENCY, report);
    const rep = await timed(N, CONCURRENCY, report);
    await timed(100, CONCURRENCY, ranking);
    const rank = await timed(N, CONCURRENCY, ranking);
    const p99 = (xs: number[]) => round(percentile(xs, 99), 2);
    const size = { residents: d.residents, submissions: d.submissions, transfers: d.transfers, generated_s: d.generatedSeconds ?? 'reused', rollup_backfill_s: backfillS ?? 'reused', rollup_refresh_s: steadyS, concurrency: CONCURRENCY };
    return [
      result({ scenario: 'reports_monthly_report', value: p99(rep.latencies), unit: 'ms p99', baseline: p99(floor.latencies), target: 'p99_ms<200', ok: p99(rep.latencies) < 200, detail: { ...size, p50_ms: round(percentile(rep.latencies, 50), 2), path: 'monthlyReport (the /staff/reports page, community or grid, 12-month trend)' } }),
      result({ scenario: 'reports_ranking', value: p99(rank.latencies), unit: 'ms p99', baseline: p99(floor.latencies), target: 'p99_ms<200', ok: p99(rank.latencies) < 200, detail: { ...size, p50_ms: round(percentile(rank.latencies, 50), 2), path: 'publicRanking (the /rank/:code page)' } }),
    ];
  } finally {
    await d.database.close();
  }
}
