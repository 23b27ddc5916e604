// The scheduled points jobs: nightly reconciliation reports differences; daily expiry expires once.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { awardPoints } from '../../src/domain/points/award-points';
import type { JobContext } from '../../src/jobs/define';
import { pointsExpire } from '../../src/jobs/handlers/points-expire';
import { pointsReconcile } from '../../src/jobs/handlers/points-reconcile';
import { createLogger } from '../../src/logger';
import { useTestDatabase } from '../helpers/db';
import { makePointsWorld, makeSubmission } from '../helpers/points';

const t = useTestDatabase();
const ctx = (now: Date): JobContext => ({
  db: t.db, logger: createLogger('silent'), attempt: 1, now: () => now, runtime: { redispatchLost: async () => 0 },
});

describe('points jobs', () => {
  it('points.expire expires due lots once; points.reconcile reports a tampered balance', async () => {
    const w = await makePointsWorld(t.db, { residents: 1 });
    const s = await makeSubmission(t.db, { communityId: w.community.id, authorUserId: w.residents[0].id, ruleSetId: w.ruleSet.id });
    await awardPoints(t.db, { communityId: w.community.id, approverUserId: w.approver.id, contribution: { kind: 'submission', submissionId: s.id }, now: new Date('2026-01-05T04:00:00Z') });
    const later = ctx(new Date('2028-02-01T00:00:00Z'));
    expect(await pointsExpire.handler(pointsExpire.payload.parse({}), later)).toEqual({ accounts: 1, points: 30 });
    expect(await pointsExpire.handler(pointsExpire.payload.parse({}), later)).toEqual({ accounts: 0, points: 0 });

    const payload = pointsReconcile.payload.parse({ communityId: w.community.id });
    expect(await pointsReconcile.handler(payload, later)).toMatchObject({ differences: 0, totalOfBalances: 0 });
    await t.db.execute(sql`update point_accounts set balance = balance + 1 where community_id = ${w.community.id} and kind = 'expired'`);
    expect(await pointsReconcile.handler(payload, later)).toMatchObject({ differences: 1 });
    await t.db.execute(sql`update point_accounts set balance = balance - 1 where community_id = ${w.community.id} and kind = 'expired'`);
  });
});
