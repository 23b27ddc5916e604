// The ledger's SQL also runs on PGlite (the embedded database, PostgreSQL 18): award, hold, void, post, reverse, expire, reconcile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMemoryDatabase, type Database } from '../../src/db/client';
import { migrateDatabase } from '../../src/db/migrate';
import { awardPoints } from '../../src/domain/points/award-points';
import { expireLots } from '../../src/domain/points/expire-lots';
import { holdPoints } from '../../src/domain/points/hold-points';
import { postHold } from '../../src/domain/points/post-hold';
import { reverseTransfer } from '../../src/domain/points/reverse-transfer';
import { voidHold } from '../../src/domain/points/void-hold';
import { ledgerInvariants, makePointsWorld, makeSubmission } from '../helpers/points';

let database: Database;
beforeAll(async () => {
  database = await openMemoryDatabase();
  await migrateDatabase(database);
});
afterAll(() => database.close());

describe('points on PGlite', () => {
  it('runs every ledger use case with the invariants intact', async () => {
    const db = database.db;
    const w = await makePointsWorld(db, { residents: 1 });
    const c = w.community.id;
    const now = new Date('2026-11-20T04:00:00Z');
    const subs = await Promise.all([0, 1].map(() => makeSubmission(db, { communityId: c, authorUserId: w.residents[0].id, ruleSetId: w.ruleSet.id })));
    const a1 = await awardPoints(db, { communityId: c, approverUserId: w.approver.id, contribution: { kind: 'submission', submissionId: subs[0].id }, amount: 80, now });
    const a2 = await awardPoints(db, { communityId: c, approverUserId: w.approver.id, contribution: { kind: 'submission', submissionId: subs[1].id }, now });
    expect([a1.amount, a2.amount]).toEqual([80, 30]);
    expect(await awardPoints(db, { communityId: c, approverUserId: w.approver.id, contribution: { kind: 'submission', submissionId: subs[0].id }, now })).toMatchObject({ replayed: true });
    // Concurrent calls queue on PGlite's single connection instead of deadlocking.
    await Promise.all([1, 2, 3].map((i) => holdPoints(db, { communityId: c, userId: w.residents[0].id, amount: 10, idempotencyKey: `h${i}`, reason: { type: 'r' }, now })));
    const h = await holdPoints(db, { communityId: c, userId: w.residents[0].id, amount: 20, idempotencyKey: 'h4', reason: { type: 'r' }, now });
    await voidHold(db, { communityId: c, holdTransferId: h.transferId });
    const h5 = await holdPoints(db, { communityId: c, userId: w.residents[0].id, amount: 5, idempotencyKey: 'h5', reason: { type: 'r' }, now });
    await postHold(db, { communityId: c, holdTransferId: h5.transferId });
    if (a2.status !== 'paid') throw new Error('expected paid');
    await reverseTransfer(db, { communityId: c, transferId: a2.transferId, actorUserId: w.second.id, reason: '误发', now });
    expect(await expireLots(db, { now: new Date('2029-01-01T00:00:00Z'), communityId: c })).toEqual({ accounts: 1, points: 80 - 30 - 5 });
    expect(await ledgerInvariants(db, c)).toMatchObject({ differences: [], totalOfBalances: 0, negatives: 0, duplicateKeys: 0 });
  });
});
