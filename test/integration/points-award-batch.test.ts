// Group commit of worker-side awards on real PostgreSQL: several awards in one transaction, each its own key, audit
// row and lot; a refusal or a failure rolls back only its own award; many batches racing leave the ledger exact.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, pointLots, pointTransfers } from '../../src/db/schema';
import { AppError } from '../../src/domain/errors';
import type { AwardInput } from '../../src/domain/points/award-points';
import { AwardBatcher, awardPointsBatch } from '../../src/domain/points/award-points-batch';
import { query } from '../../src/domain/points/ledger-sql';
import { useTestDatabase } from '../helpers/db';
import { ledgerInvariants, makePointsWorld, makeSubmissions } from '../helpers/points';

const t = useTestDatabase();
const NOW = new Date('2026-11-20T04:00:00Z');

async function world(n: number) {
  const w = await makePointsWorld(t.db, { residents: n });
  const subs = await makeSubmissions(t.db, w.residents.map((r) => ({ communityId: w.community.id, authorUserId: r.id, ruleSetId: w.ruleSet.id })));
  const input = (i: number): AwardInput => ({ communityId: w.community.id, approverUserId: w.approver.id, contribution: { kind: 'submission', submissionId: subs[i].id }, now: NOW });
  return { w, subs, input };
}

describe('awardPointsBatch', () => {
  it('pays several awards in one transaction: each its own transfer, lot and audit row under its own key', async () => {
    const { w, subs, input } = await world(4);
    const out = await awardPointsBatch(t.db, [0, 1, 2, 3].map(input));
    expect(out.map((o) => o.ok && o.result.status)).toEqual(['paid', 'paid', 'paid', 'paid']);
    const keys = subs.map((s) => `award:submission:${s.id}`);
    const transfers = await t.db.select().from(pointTransfers).where(inArray(pointTransfers.idempotencyKey, keys));
    expect(transfers).toHaveLength(4);
    const lots = await t.db.select().from(pointLots).where(inArray(pointLots.transferId, transfers.map((x) => x.id)));
    expect(lots.map((l) => l.amount)).toEqual([30, 30, 30, 30]);
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'points.award'), inArray(auditLog.targetId, keys)));
    expect(audits).toHaveLength(4);
    // One transaction: now() (the audit rows' default) is its start time, the same for every row.
    expect(new Set(audits.map((a) => a.at.toISOString())).size).toBe(1);
    expect(await ledgerInvariants(t.db, w.community.id)).toMatchObject({ differences: [], totalOfBalances: 0, negatives: 0, duplicateKeys: 0 });
  });

  it('a refusal and a failure in the middle roll back only their own award; run again, the paid ones replay', async () => {
    const { w, subs, input } = await world(3);
    const missing: AwardInput = { ...input(0), contribution: { kind: 'submission', submissionId: 2_000_000_000 } };
    const badAmount = { ...input(1), amount: 'abc' } as unknown as AwardInput;
    const out = await awardPointsBatch(t.db, [input(0), missing, badAmount, input(2)]);
    expect(out[0]).toMatchObject({ ok: true, result: { status: 'paid', replayed: false } });
    expect(out[1].ok).toBe(false);
    expect((out[1] as { error: unknown }).error).toBeInstanceOf(AppError);
    expect(out[2].ok).toBe(false);
    expect(out[3]).toMatchObject({ ok: true, result: { status: 'paid', replayed: false } });
    const paidKeys = (await t.db.select().from(pointTransfers).where(eq(pointTransfers.communityId, w.community.id))).filter((x) => x.kind === 'award').map((x) => x.idempotencyKey);
    expect(paidKeys).toContain(`award:submission:${subs[0].id}`);
    expect(paidKeys).toContain(`award:submission:${subs[2].id}`);
    expect(paidKeys).not.toContain(`award:submission:${subs[1].id}`);
    expect(paidKeys).toHaveLength(2);
    const again = await awardPointsBatch(t.db, [input(0), input(2)]);
    expect(again.map((o) => o.ok && o.result.status === 'paid' && o.result.replayed)).toEqual([true, true]);
    expect(await ledgerInvariants(t.db, w.community.id)).toMatchObject({ differences: [], totalOfBalances: 0, negatives: 0, duplicateKeys: 0 });
  });

  it('many batchers racing over the same residents and a small fund: every matter paid at most once, no overdraft', async () => {
    // 30 submissions by 10 residents, fund for 20 awards of 30: the rest are refused, none overdraws, none is paid twice.
    const w = await makePointsWorld(t.db, { residents: 10, rules: (r) => void (r.budget.points = 600) });
    const authors = w.residents;
    const subs = await makeSubmissions(t.db, Array.from({ length: 30 }, (_, i) => ({ communityId: w.community.id, authorUserId: authors[i % 10].id, ruleSetId: w.ruleSet.id })));
    const inputs = subs.map((s): AwardInput => ({ communityId: w.community.id, approverUserId: w.approver.id, contribution: { kind: 'submission', submissionId: s.id }, now: NOW }));
    const batchers = Array.from({ length: 3 }, () => new AwardBatcher(t.db, { windowMs: 5, maxBatch: 8 }));
    // Every input twice, through different batchers: the duplicates must replay, not pay again.
    const results = await Promise.allSettled([...inputs, ...inputs].map((inp, i) => batchers[i % 3].award(inp)));
    const paid = results.filter((r) => r.status === 'fulfilled' && r.value.status === 'paid');
    expect(paid.length).toBeGreaterThan(0);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(AppError);
    const [n] = await query<{ n: string; total: string }>(t.db, sql`select count(*) as n, coalesce(sum(amount), 0) as total from point_transfers where community_id = ${w.community.id} and kind = 'award'`);
    expect(Number(n.n)).toBe(20);
    expect(Number(n.total)).toBe(600);
    expect(await ledgerInvariants(t.db, w.community.id)).toMatchObject({ differences: [], totalOfBalances: 0, negatives: 0, duplicateKeys: 0, fundMin: 0 });
  });
});
