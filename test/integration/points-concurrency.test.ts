// The ledger under real concurrency (a 20-connection pool, every call its own transaction): one matter paid once,
// no negative balance, cached balances equal to the transfers, a fund that never goes below zero.
import { and, count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, pointAccounts, pointTransfers } from '../../src/db/schema';
import { AppError } from '../../src/domain/errors';
import { awardPoints, type AwardResult } from '../../src/domain/points/award-points';
import { FUND_SLICES } from '../../src/domain/points/ensure-period-fund';
import { holdPoints } from '../../src/domain/points/hold-points';
import { query } from '../../src/domain/points/ledger-sql';
import { postHold } from '../../src/domain/points/post-hold';
import { reverseTransfer } from '../../src/domain/points/reverse-transfer';
import { voidHold } from '../../src/domain/points/void-hold';
import { makeResident } from '../helpers/builders';
import { useTestDatabase } from '../helpers/db';
import { ledgerInvariants, makePointsWorld, makeSubmissions } from '../helpers/points';

const t = useTestDatabase({ max: 20 });
const NOW = new Date('2026-11-20T04:00:00Z');

const fulfilled = (results: PromiseSettledResult<unknown>[]) => results.filter((r) => r.status === 'fulfilled').length;

/** Only refusals (AppError) are expected: a deadlock, check violation or unique violation would surface here. */
function onlyRefusals(results: PromiseSettledResult<unknown>[]) {
  const unexpected = results.filter((r) => r.status === 'rejected' && !(r.reason instanceof AppError)) as PromiseRejectedResult[];
  expect(unexpected.map((r) => `${r.reason?.cause ?? ''} ${String(r.reason?.stack ?? r.reason)}`).slice(0, 3)).toEqual([]);
}

describe('points under concurrency', () => {
  it('200 concurrent awards for one submission → exactly one transfer', async () => {
    const w = await makePointsWorld(t.db, { residents: 1 });
    const [s] = await makeSubmissions(t.db, [{ communityId: w.community.id, authorUserId: w.residents[0].id, ruleSetId: w.ruleSet.id }]);
    // No account or fund exists yet: the racers also race to create them.
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        awardPoints(t.db, {
          communityId: w.community.id, approverUserId: i % 2 ? w.approver.id : w.second.id,
          contribution: { kind: 'submission', submissionId: s.id }, amount: 40 + (i % 50), now: NOW,
        }),
      ),
    );
    onlyRefusals(results);
    const paid = results.map((r) => (r as PromiseFulfilledResult<AwardResult>).value);
    const fresh = paid.filter((p) => p.status === 'paid' && !p.replayed);
    expect(fresh).toHaveLength(1);
    const winner = fresh[0] as Extract<AwardResult, { status: 'paid' }>;
    expect(paid.every((p) => p.status === 'paid' && p.transferId === winner.transferId && p.amount === winner.amount)).toBe(true);
    const awards = await t.db.select().from(pointTransfers).where(and(eq(pointTransfers.communityId, w.community.id), eq(pointTransfers.kind, 'award')));
    expect(awards).toHaveLength(1);
    const budgets = await t.db.select().from(pointTransfers).where(and(eq(pointTransfers.communityId, w.community.id), eq(pointTransfers.kind, 'budget')));
    expect(budgets).toHaveLength(FUND_SLICES);
    const [audits] = await t.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, 'points.award'), eq(auditLog.targetId, winner.idempotencyKey)));
    expect(audits.n).toBe(1);
    const accounts = await t.db.select().from(pointAccounts).where(eq(pointAccounts.communityId, w.community.id));
    expect(accounts.find((a) => a.kind === 'resident')?.balance).toBe(winner.amount);
    expect(accounts.filter((a) => a.kind === 'fund').reduce((sum, a) => sum + a.balance, 0)).toBe(50_000 - winner.amount);
    expect(await ledgerInvariants(t.db, w.community.id)).toMatchObject({ differences: [], totalOfBalances: 0, negatives: 0, duplicateKeys: 0 });
  });

  it('the fund never goes below zero: 120 racing awards against a 1,000-point budget', async () => {
    const w = await makePointsWorld(t.db, { residents: 0, rules: (r) => void (r.budget.points = 1000) });
    const residents = await Promise.all(Array.from({ length: 120 }, () => makeResident(t.db)));
    const subs = await makeSubmissions(t.db, residents.map((r) => ({ communityId: w.community.id, authorUserId: r.id, ruleSetId: w.ruleSet.id })));
    const results = await Promise.allSettled(
      subs.map((s) => awardPoints(t.db, { communityId: w.community.id, approverUserId: w.approver.id, contribution: { kind: 'submission', submissionId: s.id }, now: NOW })),
    );
    onlyRefusals(results);
    const paid = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(paid).toHaveLength(33); // 33 × 30 = 990 ≤ 1000 < 34 × 30
    expect(refused.every((r) => (r.reason as AppError).msg.key === 'points.err.fundExhausted')).toBe(true);
    // The fund is split over slices of 62–63; most awards are paid from one slice, the last ones after consolidating.
    const funds = await t.db.select().from(pointAccounts).where(and(eq(pointAccounts.communityId, w.community.id), eq(pointAccounts.kind, 'fund')));
    expect(funds.reduce((sum, f) => sum + f.balance, 0)).toBe(10);
    expect(await ledgerInvariants(t.db, w.community.id)).toMatchObject({ differences: [], totalOfBalances: 0, negatives: 0 });
    expect((await ledgerInvariants(t.db, w.community.id)).fundMin).toBeGreaterThanOrEqual(0);
  });

  it('caps hold when one resident is paid by 40 racers at once: the day total ends exactly at the cap', async () => {
    // The account and the fund exist (an award yesterday), so every racer takes the optimistic path: it reads the
    // caps without a lock and pays only if the account is unchanged when it writes; all but one must find it changed.
    const w = await makePointsWorld(t.db, { residents: 1, rules: (r) => void ((r.caps.per_resident_per_day = 200), (r.caps.per_resident_per_month = 10_000)) });
    const author = w.residents[0].id;
    const subs = await makeSubmissions(t.db, Array.from({ length: 41 }, () => ({ communityId: w.community.id, authorUserId: author, ruleSetId: w.ruleSet.id })));
    const award = (submissionId: number, now: Date) =>
      awardPoints(t.db, { communityId: w.community.id, approverUserId: w.approver.id, contribution: { kind: 'submission', submissionId }, amount: 30, now });
    await award(subs[0].id, new Date(NOW.getTime() - 86_400_000));
    const results = await Promise.allSettled(subs.slice(1).map((s) => award(s.id, NOW)));
    onlyRefusals(results);
    const paid = results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<AwardResult>).value);
    const amounts = paid.map((p) => p.amount).sort((a, b) => b - a);
    expect(amounts).toEqual([30, 30, 30, 30, 30, 30, 20]); // 6 × 30 + the capped rest
    const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(refused).toHaveLength(33);
    expect(refused.every((r) => (r.reason as AppError).msg.key === 'points.err.capDay')).toBe(true);
    const [acct] = await t.db.select().from(pointAccounts).where(and(eq(pointAccounts.communityId, w.community.id), eq(pointAccounts.ownerUserId, author)));
    expect(acct.balance).toBe(230);
    expect(await ledgerInvariants(t.db, w.community.id)).toMatchObject({ differences: [], totalOfBalances: 0, negatives: 0, duplicateKeys: 0 });
  });

  it('1,000 concurrent random awards, holds, posts, voids and reversals keep every invariant', { timeout: 90_000 }, async () => {
    const RESIDENTS = 40;
    const w = await makePointsWorld(t.db, { residents: 0, rules: (r) => void (r.budget.points = 5000) });
    const residents = await Promise.all(Array.from({ length: RESIDENTS }, () => makeResident(t.db)));
    const cats = ['tip.case_clue', 'tip.fire_hazard', 'tip.dispute', 'wish.other', 'tip.suspicious'];
    const subs = await makeSubmissions(
      t.db,
      Array.from({ length: 400 }, (_, i) => ({ communityId: w.community.id, authorUserId: residents[i % RESIDENTS].id, ruleSetId: w.ruleSet.id, categoryKey: cats[i % cats.length] })),
    );
    // mulberry32: a seeded generator whose low bits are as random as its high bits (an LCG's are not).
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) % n;
    };
    const c = w.community.id;
    const awarded: number[] = [];
    // Holds and reversals start a little later, so they meet points (and awards to undo) while awards still stream in.
    const later = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const ops: (() => Promise<unknown>)[] = [];
    for (let i = 0; i < 1000; i++) {
      const kind = rand(100);
      const resident = residents[rand(RESIDENTS)];
      if (kind < 50) {
        // Some submissions come up more than once: those must be paid once.
        const s = subs[rand(subs.length)];
        const amount = [undefined, 10, 60, 150, 250, 600][rand(6)];
        ops.push(async () => {
          const r = await awardPoints(t.db, {
            communityId: c, approverUserId: w.approver.id, secondApproverUserId: w.second.id, contribution: { kind: 'submission', submissionId: s.id }, amount, now: NOW,
          });
          if (r.status === 'paid' && !r.replayed) awarded.push(r.transferId);
        });
      } else if (kind < 90) {
        const amount = 1 + rand(80);
        const then = rand(5); // 0–1 post, 2–3 void, 4 both at once
        const delay = rand(1500);
        ops.push(async () => {
          await later(delay);
          const h = await holdPoints(t.db, { communityId: c, userId: resident.id, amount, idempotencyKey: `hold:${i}`, reason: { type: 'redemption', id: i }, now: NOW });
          const input = { communityId: c, holdTransferId: h.transferId, now: NOW };
          if (then < 2) await postHold(t.db, input);
          else if (then < 4) await voidHold(t.db, input);
          else {
            const both = await Promise.allSettled([postHold(t.db, input), voidHold(t.db, input)]);
            expect(both.filter((b) => b.status === 'fulfilled')).toHaveLength(1);
          }
        });
      } else {
        const delay = 300 + rand(2000);
        ops.push(async () => {
          await later(delay);
          const id = awarded[rand(Math.max(1, awarded.length))];
          if (id !== undefined) await reverseTransfer(t.db, { communityId: c, transferId: id, actorUserId: w.second.id, reason: '抽查不实', now: NOW });
        });
      }
    }
    const started = performance.now();
    const results = await Promise.allSettled(ops.map((op) => op()));
    const ms = performance.now() - started;
    onlyRefusals(results);
    expect(fulfilled(results)).toBeGreaterThan(100);
    const refusals = new Map<string, number>();
    for (const r of results) if (r.status === 'rejected') refusals.set((r.reason as AppError).msg.key, (refusals.get((r.reason as AppError).msg.key) ?? 0) + 1);
    console.info(`1,000 ops in ${Math.round(ms)} ms; refusals: ${JSON.stringify(Object.fromEntries(refusals))}`);

    // The budget (5,000) is below what the caps would allow (40 × 200), so the run ends up racing an empty fund too.
    expect(refusals.get('points.err.fundExhausted')).toBeGreaterThan(0);
    const inv = await ledgerInvariants(t.db, c);
    expect(inv).toMatchObject({ differences: [], totalOfBalances: 0, negatives: 0, duplicateKeys: 0, multiSettled: 0 });
    expect(inv.fundMin).toBeGreaterThanOrEqual(0);
    // Sum of cached balances equals the sum of transfers, account by account (also asserted through reconcile above).
    const [sums] = await query<{ cached: string; moved: string }>(
      t.db,
      sql`select (select sum(balance) from point_accounts where community_id = ${c} and kind <> 'budget') as cached,
                 (select sum(amount) from point_transfers where community_id = ${c} and kind = 'budget') as moved`,
    );
    expect(Number(sums.cached)).toBe(Number(sums.moved));
    // Caps held under concurrency: no resident got more than the day's cap (all awards are on one local day).
    const [maxDay] = await query<{ m: string | null }>(
      t.db,
      sql`select max(s) as m from (select to_account_id, sum(amount) as s from point_transfers t
          where community_id = ${c} and kind = 'award'
            and not exists (select 1 from point_transfers v where v.settles_transfer_id = t.id and v.kind = 'reversal')
          group by 1) x`,
    );
    expect(Number(maxDay.m)).toBeLessThanOrEqual(200);
    const [perMatter] = await query<{ n: string }>(
      t.db,
      sql`select count(*) as n from (select reason->'source'->>'id' from point_transfers
          where community_id = ${c} and kind = 'award' group by 1 having count(*) > 1) x`,
    );
    expect(Number(perMatter.n)).toBe(0);
    // The run did exercise every path.
    const kinds = await query<{ kind: string }>(t.db, sql`select distinct kind from point_transfers where community_id = ${c}`);
    expect(kinds.map((k) => k.kind).sort()).toEqual(expect.arrayContaining(['award', 'budget', 'hold', 'post', 'reversal', 'void']));
  });
});
