// Group commit of worker-side awards on real PostgreSQL: several awards in one transaction, each its own key, audit
// row and lot; a refusal or a failure rolls back only its own award; many batches racing leave the ledger exact.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, pointLots, pointTransfers } from '../../src/db/schema';
import { AppError } from '../../src/domain/errors';
import type { AwardInput } from '../../src/domain/points/award-points';
import { AwardBatcher, awardPointsBatch } from '../../src/domain/points/award-points-batch';
import { query } from '../../src/domain/points/ledger-sql';
import { localClock } from '../../src/domain/points/clock';
import { ensurePeriodFund } from '../../src/domain/points/ensure-period-fund';
import { awardPoints } from '../../src/domain/points/award-points';
import { useTestDatabase } from '../helpers/db';
import { openMemoryDatabase } from '../../src/db/client';
import { migrateDatabase } from '../../src/db/migrate';
import { ledgerInvariants, makePointsWorld, makeSubmissions } from '../helpers/points';

const t = useTestDatabase();
const NOW = new Date('2026-11-20T04:00:00Z');

async function world(n: number, o: { ready?: boolean } = {}) {
  const w = await makePointsWorld(t.db, { residents: n });
  const subs = await makeSubmissions(t.db, w.residents.map((r) => ({ communityId: w.community.id, authorUserId: r.id, ruleSetId: w.ruleSet.id })));
  if (o.ready) await openAccounts(w.community.id, w.approver.id);
  const input = (i: number): AwardInput => ({ communityId: w.community.id, approverUserId: w.approver.id, contribution: { kind: 'submission', submissionId: subs[i].id }, now: NOW });
  return { w, subs, input };
}

/** The residents' accounts and the period's fund exist (as after a first award): the batch can pay on its own. */
async function openAccounts(communityId: number, actorUserId: number) {
  await t.db.execute(sql`insert into point_accounts (community_id, kind, owner_user_id)
    select ${communityId}, 'resident', id from users where kind = 'resident' on conflict do nothing`);
  await ensurePeriodFund(t.db, { communityId, period: localClock(NOW, 'Asia/Shanghai').period, at: NOW, actorUserId });
}

describe('awardPointsBatch', () => {
  it('pays several awards in one statement: each its own transfer, lot and audit row under its own key', async () => {
    const { w, subs, input } = await world(4, { ready: true });
    const out = await awardPointsBatch(t.db, [0, 1, 2, 3].map(input));
    expect(out.map((o) => o.ok && o.result.status)).toEqual(['paid', 'paid', 'paid', 'paid']);
    const keys = subs.map((s) => `award:submission:${s.id}`);
    const transfers = await t.db.select().from(pointTransfers).where(inArray(pointTransfers.idempotencyKey, keys));
    expect(transfers).toHaveLength(4);
    const lots = await t.db.select().from(pointLots).where(inArray(pointLots.transferId, transfers.map((x) => x.id)));
    expect(lots.map((l) => l.amount)).toEqual([30, 30, 30, 30]);
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'points.award'), inArray(auditLog.targetId, keys)));
    expect(audits).toHaveLength(4);
    // One statement: now() (the audit rows' default) is its transaction's start time, the same for every row.
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
    const batchers = Array.from({ length: 3 }, () => new AwardBatcher(t.db, { maxBatch: 8 }));
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

  it('caps hold when batches and single awards race over the same residents: each ends exactly at the day cap', async () => {
    // 5 residents × 12 items of 30 against a day cap of 200, sent through 4 batchers and directly at once. A batch pays
    // a resident only if the account is unchanged since its read; without that check batches pay on stale totals.
    const w = await makePointsWorld(t.db, { residents: 5, rules: (r) => void ((r.caps.per_resident_per_day = 200), (r.caps.per_resident_per_month = 10_000)) });
    await openAccounts(w.community.id, w.approver.id);
    const subs = await makeSubmissions(t.db, Array.from({ length: 60 }, (_, i) => ({ communityId: w.community.id, authorUserId: w.residents[i % 5].id, ruleSetId: w.ruleSet.id })));
    const inputs = subs.map((s): AwardInput => ({ communityId: w.community.id, approverUserId: w.approver.id, contribution: { kind: 'submission', submissionId: s.id }, amount: 30, now: NOW }));
    const batchers = Array.from({ length: 4 }, () => new AwardBatcher(t.db, { maxBatch: 8 }));
    const results = await Promise.allSettled(inputs.map((inp, i) => (i % 5 === 4 ? awardPoints(t.db, inp) : batchers[i % 4].award(inp))));
    for (const r of results) if (r.status === 'rejected') expect((r.reason as AppError).msg.key).toBe('points.err.capDay');
    const totals = await query<{ owner: number; total: string; n: string }>(
      t.db,
      sql`select a.owner_user_id as owner, sum(t.amount) as total, count(*) as n from point_transfers t join point_accounts a on a.id = t.to_account_id
          where t.community_id = ${w.community.id} and t.kind = 'award' group by a.owner_user_id`,
    );
    expect(totals.map((r) => Number(r.total))).toEqual([200, 200, 200, 200, 200]);
    expect(totals.map((r) => Number(r.n))).toEqual([7, 7, 7, 7, 7]); // 6 × 30 + the capped rest, each
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(35);
    expect(await ledgerInvariants(t.db, w.community.id)).toMatchObject({ differences: [], totalOfBalances: 0, negatives: 0, duplicateKeys: 0 });
  });

  it('pays a batch the same on PGlite (the embedded database): one read, one write statement', async () => {
    const mem = await openMemoryDatabase();
    try {
      await migrateDatabase(mem);
      const w = await makePointsWorld(mem.db, { residents: 3 });
      const subs = await makeSubmissions(mem.db, w.residents.map((r) => ({ communityId: w.community.id, authorUserId: r.id, ruleSetId: w.ruleSet.id })));
      await mem.db.execute(sql`insert into point_accounts (community_id, kind, owner_user_id) select ${w.community.id}, 'resident', id from users where kind = 'resident'`);
      await ensurePeriodFund(mem.db, { communityId: w.community.id, period: localClock(NOW, 'Asia/Shanghai').period, at: NOW, actorUserId: w.approver.id });
      const out = await awardPointsBatch(mem.db, subs.map((s): AwardInput => ({ communityId: w.community.id, approverUserId: w.approver.id, contribution: { kind: 'submission', submissionId: s.id }, now: NOW })));
      expect(out.map((o) => o.ok && o.result.status)).toEqual(['paid', 'paid', 'paid']);
      const audits = await mem.db.select().from(auditLog).where(eq(auditLog.action, 'points.award'));
      expect(new Set(audits.map((a) => a.at.toISOString())).size).toBe(1); // one statement
      expect(await ledgerInvariants(mem.db, w.community.id)).toMatchObject({ differences: [], totalOfBalances: 0, negatives: 0, duplicateKeys: 0 });
    } finally {
      await mem.close();
    }
  });
});

