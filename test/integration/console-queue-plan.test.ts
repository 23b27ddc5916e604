// The queue's first page of open items must come straight off a partial index in the queue's order (deadline, age,
// id), never from sorting every open item of a community: at district scale that sort was most of the page's time.
// Sorting and the scans that need one are switched off for the EXPLAIN, so the plan can avoid a Sort node only if an
// index gives the order; a change to the ORDER BY or to the indexes that breaks this shows up here, not in production.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queueRowsQuery } from '../../src/domain/console/list-queue';
import { queueFilterOf } from '../../src/domain/console/queue-filter';
import type { StaffScope } from '../../src/domain/auth/staff-scope';
import { makeCommunity, makeGrid } from '../helpers/builders';
import { useTestDatabase } from '../helpers/db';

const t = useTestDatabase();

async function planOf(scope: StaffScope, status?: string): Promise<string> {
  const filter = queueFilterOf((name) => (name === 'status' ? status : undefined));
  const q = queueRowsQuery(t.db, { scope, userId: 1, view: 'queue', filter }, new Date());
  return t.db.transaction(async (tx) => {
    for (const s of ['enable_sort', 'enable_seqscan', 'enable_bitmapscan', 'enable_incremental_sort']) await tx.execute(sql.raw(`set local ${s} = off`));
    const rows = (await tx.execute(sql`explain ${q}`)) as unknown as { 'QUERY PLAN': string }[];
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

describe('the staff queue page plan', () => {
  it('reads a community admin’s and a grid worker’s open tab off the open-items indexes, unsorted', async () => {
    const community = await makeCommunity(t.db);
    const grid = await makeGrid(t.db, community.id);
    const admin: StaffScope = [{ communityId: community.id, communityName: community.name, role: 'community_admin', gridIds: null }];
    const worker: StaffScope = [{ communityId: community.id, communityName: community.name, role: 'grid_worker', gridIds: [grid.id] }];

    const adminPlan = await planOf(admin);
    expect(adminPlan).toContain('submissions_open_by_community');
    expect(adminPlan).not.toMatch(/\bSort\b/);
    const workerPlan = await planOf(worker);
    expect(workerPlan).toContain('submissions_open_by_grid');
    expect(workerPlan).not.toMatch(/\bSort\b/);
    // The 'all' tab orders open before settled first, which no index holds: sorted, as expected (and still correct).
    expect(await planOf(admin, 'all')).toMatch(/\bSort\b/);
  });
});
