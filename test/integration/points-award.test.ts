// awardPoints on real PostgreSQL: rules applied, one transaction per award, each matter paid once, every refusal writes nothing.
import { and, count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, pointAccounts, pointAwardRequests, pointLots, pointTransfers } from '../../src/db/schema';
import { AppError } from '../../src/domain/errors';
import { awardPoints, type AwardInput } from '../../src/domain/points/award-points';
import { localClock } from '../../src/domain/points/clock';
import { budgetKey, FUND_SLICES } from '../../src/domain/points/ensure-period-fund';
import { reverseTransfer } from '../../src/domain/points/reverse-transfer';
import { badInputs } from '../helpers/bad-inputs';
import { makeCommunity, makeResident, makeStaff } from '../helpers/builders';
import { useTestDatabase } from '../helpers/db';
import { ledgerInvariants, makePointsWorld, makeRuleSet, makeSubmission } from '../helpers/points';

const t = useTestDatabase();
const NOW = new Date('2026-11-20T04:00:00Z'); // 12:00 in Shanghai
const PERIOD = localClock(NOW, 'Asia/Shanghai').period;

async function transferCount(communityId: number) {
  const [r] = await t.db.select({ n: count() }).from(pointTransfers).where(eq(pointTransfers.communityId, communityId));
  return r.n;
}

async function balanceOf(communityId: number, userId: number) {
  const [a] = await t.db
    .select({ balance: pointAccounts.balance })
    .from(pointAccounts)
    .where(and(eq(pointAccounts.communityId, communityId), eq(pointAccounts.kind, 'resident'), eq(pointAccounts.ownerUserId, userId)));
  return a?.balance ?? 0;
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('awardPoints', () => {
  it('pays the default to the author: transfer, both balances, lot, audit and the period fund in one go', async () => {
    const w = await makePointsWorld(t.db);
    const s = await makeSubmission(t.db, { communityId: w.community.id, authorUserId: w.residents[0].id, ruleSetId: w.ruleSet.id });
    const res = await awardPoints(t.db, {
      communityId: w.community.id, approverUserId: w.approver.id, contribution: { kind: 'submission', submissionId: s.id }, note: '核实属实', now: NOW,
    });
    expect(res).toMatchObject({ status: 'paid', amount: 30, idempotencyKey: `award:submission:${s.id}`, replayed: false });
    if (res.status !== 'paid') return;
    const [tr] = await t.db.select().from(pointTransfers).where(eq(pointTransfers.id, res.transferId));
    expect(tr.kind).toBe('award');
    expect(tr.reason).toMatchObject({
      rule: 'category:tip.fire_hazard', ruleSetId: w.ruleSet.id, ruleSetVersion: 1, approverUserId: w.approver.id, note: '核实属实',
      source: { type: 'submission', id: s.id, trackingNo: s.trackingNo },
    });
    expect(await balanceOf(w.community.id, w.residents[0].id)).toBe(30);
    const funds = await t.db.select().from(pointAccounts).where(and(eq(pointAccounts.communityId, w.community.id), eq(pointAccounts.kind, 'fund')));
    expect(funds).toHaveLength(FUND_SLICES);
    expect(new Set(funds.map((f) => f.period))).toEqual(new Set([PERIOD]));
    expect(funds.reduce((sum, f) => sum + f.balance, 0)).toBe(50_000 - 30);
    expect(tr.reason).toMatchObject({ fundPeriod: PERIOD });
    const budget = await t.db.select().from(pointTransfers).where(and(eq(pointTransfers.communityId, w.community.id), eq(pointTransfers.kind, 'budget')));
    expect(budget.map((b) => b.idempotencyKey).sort()).toEqual(Array.from({ length: FUND_SLICES }, (_, i) => budgetKey(w.community.id, PERIOD, i)).sort());
    expect(budget.reduce((sum, b) => sum + b.amount, 0)).toBe(50_000);
    const [lot] = await t.db.select().from(pointLots).where(eq(pointLots.transferId, res.transferId));
    expect(lot).toMatchObject({ amount: 30, remaining: 30 });
    expect(lot.expiresAt.toISOString()).toBe('2028-11-20T04:00:00.000Z'); // 24 months
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'points.award'), eq(auditLog.targetId, res.idempotencyKey)));
    expect(audits).toHaveLength(1);
    expect(audits[0].actorUserId).toBe(w.approver.id);

    // The same matter again: the existing transfer, nothing new.
    const again = await awardPoints(t.db, { communityId: w.community.id, approverUserId: w.second.id, contribution: { kind: 'submission', submissionId: s.id }, amount: 90, now: NOW });
    expect(again).toMatchObject({ status: 'paid', transferId: res.transferId, amount: 30, replayed: true });
    expect(await transferCount(w.community.id)).toBe(FUND_SLICES + 1); // budget slices + award
    expect(await ledgerInvariants(t.db, w.community.id)).toMatchObject({ differences: [], totalOfBalances: 0, negatives: 0 });
  });

  it('clamps to the range and says so; caps the day and says so; then refuses at the cap', async () => {
    const w = await makePointsWorld(t.db);
    const author = w.residents[0].id;
    const mk = (categoryKey: string) => makeSubmission(t.db, { communityId: w.community.id, authorUserId: author, ruleSetId: w.ruleSet.id, categoryKey });
    const award = (submissionId: number, amount?: unknown) =>
      awardPoints(t.db, { communityId: w.community.id, approverUserId: w.approver.id, contribution: { kind: 'submission', submissionId }, amount, now: NOW });

    const a = await award((await mk('tip.fire_hazard')).id, 150);
    expect(a).toMatchObject({ status: 'paid', amount: 100, evaluation: { clampedFrom: 150 } });
    const b = await award((await mk('tip.safety_hazard')).id, 90);
    expect(b).toMatchObject({ status: 'paid', amount: 90 });
    const c = await award((await mk('tip.dispute')).id, 50);
    expect(c).toMatchObject({ status: 'paid', amount: 10, evaluation: { cappedBy: 'day', cappedFrom: 50 } });
    if (c.status === 'paid') {
      const [tr] = await t.db.select().from(pointTransfers).where(eq(pointTransfers.id, c.transferId));
      expect(tr.reason).toMatchObject({ cappedBy: 'day', cappedFrom: 50, requested: 50 });
    }
    const before = await transferCount(w.community.id);
    const e = await refusal(award((await mk('tip.dispute')).id));
    expect(e.msg).toEqual({ key: 'points.err.capDay', params: { cap: 200 } });
    expect(await transferCount(w.community.id)).toBe(before);
    expect(await balanceOf(w.community.id, author)).toBe(200);
    // Tomorrow the day cap is fresh again.
    const d = await awardPoints(t.db, {
      communityId: w.community.id, approverUserId: w.approver.id, contribution: { kind: 'submission', submissionId: (await mk('tip.dispute')).id },
      now: new Date(NOW.getTime() + 86_400_000),
    });
    expect(d).toMatchObject({ status: 'paid', amount: 20 });
  });

  it('refuses with a clear message when the period fund is exhausted, never capping silently', async () => {
    const w = await makePointsWorld(t.db, { rules: (r) => void (r.budget.points = 50) });
    const subs = await Promise.all(w.residents.map((r) => makeSubmission(t.db, { communityId: w.community.id, authorUserId: r.id, ruleSetId: w.ruleSet.id })));
    const award = (i: number) => awardPoints(t.db, { communityId: w.community.id, approverUserId: w.approver.id, contribution: { kind: 'submission', submissionId: subs[i].id }, now: NOW });
    expect(await award(0)).toMatchObject({ status: 'paid', amount: 30 });
    const before = await transferCount(w.community.id);
    const e = await refusal(award(1));
    expect(e.status).toBe(409);
    expect(e.msg).toEqual({ key: 'points.err.fundExhausted', params: { remaining: 20, amount: 30 } });
    expect(await transferCount(w.community.id)).toBe(before);
    expect(await balanceOf(w.community.id, w.residents[1].id)).toBe(0);
    // A smaller award that fits is still paid.
    const fits = await awardPoints(t.db, { communityId: w.community.id, approverUserId: w.approver.id, contribution: { kind: 'submission', submissionId: subs[1].id }, amount: 20, now: NOW });
    expect(fits).toMatchObject({ status: 'paid', amount: 20 });
    // Next month has a fresh fund.
    const next = await awardPoints(t.db, {
      communityId: w.community.id, approverUserId: w.approver.id, contribution: { kind: 'submission', submissionId: subs[2].id }, now: new Date('2026-12-05T04:00:00Z'),
    });
    expect(next).toMatchObject({ status: 'paid', amount: 30 });
    expect(await ledgerInvariants(t.db, w.community.id)).toMatchObject({ differences: [], totalOfBalances: 0, negatives: 0, fundMin: 0 });
  });

  it('holds an award above the threshold for a second approver, who must be someone else', async () => {
    const w = await makePointsWorld(t.db, { rules: (r) => void (r.caps.per_resident_per_day = 1000) });
    const s = await makeSubmission(t.db, { communityId: w.community.id, authorUserId: w.residents[0].id, ruleSetId: w.ruleSet.id, categoryKey: 'tip.case_clue' });
    const input: AwardInput = { communityId: w.community.id, approverUserId: w.approver.id, contribution: { kind: 'submission', submissionId: s.id }, amount: 300, now: NOW };
    const pending = await awardPoints(t.db, input);
    expect(pending).toMatchObject({ status: 'pending_second_approval', amount: 300 });
    expect(await awardPoints(t.db, input)).toMatchObject({ status: 'pending_second_approval', amount: 300 }); // same request, not a second one
    expect(await t.db.select().from(pointAwardRequests).where(eq(pointAwardRequests.communityId, w.community.id))).toHaveLength(1);
    expect(await balanceOf(w.community.id, w.residents[0].id)).toBe(0);

    expect((await refusal(awardPoints(t.db, { ...input, secondApproverUserId: w.approver.id }))).msg.key).toBe('points.err.secondApproverSame');
    const outsider = (await makeStaff(t.db, { communityId: (await makeCommunity(t.db)).id, role: 'community_admin' })).user;
    expect((await refusal(awardPoints(t.db, { ...input, secondApproverUserId: outsider.id }))).msg.key).toBe('points.err.secondApproverSame');

    const paid = await awardPoints(t.db, { ...input, secondApproverUserId: w.second.id });
    expect(paid).toMatchObject({ status: 'paid', amount: 300 });
    const [req] = await t.db.select().from(pointAwardRequests).where(eq(pointAwardRequests.communityId, w.community.id));
    expect(req).toMatchObject({ status: 'paid', decidedBy: w.second.id });
    expect(await balanceOf(w.community.id, w.residents[0].id)).toBe(300);
  });

  it('refuses another community’s item, a staff member’s own item, a non-staff approver and an unready item — writing nothing', async () => {
    const w = await makePointsWorld(t.db);
    const other = await makePointsWorld(t.db);
    const foreign = await makeSubmission(t.db, { communityId: other.community.id, authorUserId: other.residents[0].id, ruleSetId: other.ruleSet.id });
    const own = await makeSubmission(t.db, { communityId: w.community.id, authorUserId: w.approver.id, ruleSetId: w.ruleSet.id });
    const fresh = await makeSubmission(t.db, { communityId: w.community.id, authorUserId: w.residents[0].id, ruleSetId: w.ruleSet.id, status: 'pending_review' });
    const ok = await makeSubmission(t.db, { communityId: w.community.id, authorUserId: w.residents[0].id, ruleSetId: w.ruleSet.id });
    const base = { communityId: w.community.id, approverUserId: w.approver.id, now: NOW };
    const cases: [Partial<AwardInput>, number, string][] = [
      [{ contribution: { kind: 'submission', submissionId: foreign.id } }, 404, 'points.err.matterNotFound'],
      [{ contribution: { kind: 'submission', submissionId: 999_999_999 } }, 404, 'points.err.matterNotFound'],
      [{ contribution: { kind: 'submission', submissionId: own.id } }, 403, 'points.err.ownSubmission'],
      [{ contribution: { kind: 'submission', submissionId: ok.id }, approverUserId: w.residents[1].id }, 403, 'points.err.notStaff'],
      [{ contribution: { kind: 'submission', submissionId: ok.id }, approverUserId: other.approver.id }, 403, 'points.err.notStaff'],
      [{ contribution: { kind: 'submission', submissionId: fresh.id } }, 409, 'points.err.statusNotEligible'],
      [{ contribution: { kind: 'duplicate_confirmation', submissionId: ok.id } }, 409, 'points.err.statusNotEligible'],
      [{ contribution: { kind: 'outcome_bonus', submissionId: ok.id } }, 409, 'points.err.notRated'],
      [{ contribution: { kind: 'wish_fulfilment', submissionId: ok.id, recipientUserId: w.residents[1].id } }, 422, 'points.err.notWish'],
      [{ contribution: { kind: 'activity', activityId: 'a1', recipientUserId: w.approver.id, hours: 2 } }, 403, 'points.err.selfAward'],
      [{ contribution: { kind: 'activity', activityId: 'a1', recipientUserId: w.second.id, hours: 2 } }, 422, 'points.err.notResident'],
      [{ contribution: { kind: 'activity', activityId: 'a1', recipientUserId: w.residents[0].id, hours: 0 } }, 422, 'points.err.hoursInvalid'],
      [{ contribution: { kind: 'patrol', shiftId: 's1', recipientUserId: w.residents[0].id, start: NOW, end: NOW } }, 422, 'points.err.shiftInvalid'],
    ];
    for (const [patch, status, key] of cases) {
      const e = await refusal(awardPoints(t.db, { ...base, ...patch } as AwardInput));
      expect([e.status, e.msg.key], JSON.stringify(patch)).toEqual([status, key]);
    }
    for (const amount of badInputs.points) {
      const e = await refusal(awardPoints(t.db, { ...base, contribution: { kind: 'submission', submissionId: ok.id }, amount }));
      expect([e.status, e.fields.amount?.key], String(amount)).toEqual([422, expect.stringMatching(/^points\.err\.amount/)]);
    }
    expect(await transferCount(w.community.id)).toBe(0);
    expect(await t.db.select().from(pointAccounts).where(eq(pointAccounts.communityId, w.community.id))).toEqual([]);
  });

  it('a rule set with an unknown category for the item refuses clearly', async () => {
    const w = await makePointsWorld(t.db);
    const v2 = await makeRuleSet(t.db, w.community.id, (r) => void (r.categories = r.categories.filter((c) => c.key !== 'tip.fire_hazard')), 2);
    const s = await makeSubmission(t.db, { communityId: w.community.id, authorUserId: w.residents[0].id, ruleSetId: v2.id });
    const e = await refusal(awardPoints(t.db, { communityId: w.community.id, approverUserId: w.approver.id, contribution: { kind: 'submission', submissionId: s.id }, now: NOW }));
    expect(e.msg).toEqual({ key: 'points.err.unknownCategory', params: { category: 'tip.fire_hazard' } });
  });

  it('pays the outcome bonus, duplicate credit, wish fulfilment, mediation, patrol and activity by their rules', async () => {
    const w = await makePointsWorld(t.db, { residents: 4 });
    const [author, helper, mediator, patroller] = w.residents;
    const base = { communityId: w.community.id, approverUserId: w.approver.id, now: NOW };
    const s = await makeSubmission(t.db, { communityId: w.community.id, authorUserId: author.id, ruleSetId: w.ruleSet.id, categoryKey: 'tip.case_clue', status: 'resolved', rating: 5 });
    expect(await awardPoints(t.db, { ...base, contribution: { kind: 'submission', submissionId: s.id }, amount: 150 })).toMatchObject({ amount: 150 });
    expect(await awardPoints(t.db, { ...base, contribution: { kind: 'outcome_bonus', submissionId: s.id } })).toMatchObject({ status: 'paid', amount: 30 });
    expect(await awardPoints(t.db, { ...base, contribution: { kind: 'outcome_bonus', submissionId: s.id } })).toMatchObject({ replayed: true });

    const dup = await makeSubmission(t.db, { communityId: w.community.id, authorUserId: helper.id, ruleSetId: w.ruleSet.id, status: 'duplicate' });
    expect(await awardPoints(t.db, { ...base, contribution: { kind: 'duplicate_confirmation', submissionId: dup.id } })).toMatchObject({ amount: 2 });

    const wish = await makeSubmission(t.db, { communityId: w.community.id, authorUserId: author.id, ruleSetId: w.ruleSet.id, categoryKey: 'wish.neighbour_help', status: 'resolved' });
    expect(await awardPoints(t.db, { ...base, contribution: { kind: 'wish_fulfilment', submissionId: wish.id, recipientUserId: helper.id }, amount: 500 })).toMatchObject({
      amount: 100, evaluation: { clampedFrom: 500 },
    });
    const dispute = await makeSubmission(t.db, { communityId: w.community.id, authorUserId: author.id, ruleSetId: w.ruleSet.id, categoryKey: 'tip.dispute' });
    expect(await awardPoints(t.db, { ...base, contribution: { kind: 'mediation', submissionId: dispute.id, recipientUserId: mediator.id } })).toMatchObject({ amount: 50 });

    // 20:00–23:00 Shanghai: 1 h by day + 2 h at night ×1.5 = 40, exactly the shift cap.
    const patrol = { kind: 'patrol' as const, shiftId: 'sh-1', recipientUserId: patroller.id, start: new Date('2026-11-20T12:00:00Z'), end: new Date('2026-11-20T15:00:00Z') };
    expect(await awardPoints(t.db, { ...base, contribution: patrol })).toMatchObject({ amount: 40 });
    const act = (id: string, hours: number) => awardPoints(t.db, { ...base, contribution: { kind: 'activity', activityId: id, recipientUserId: patroller.id, hours } });
    expect(await act('act-1', 3)).toMatchObject({ amount: 30 });
    expect(await act('act-2', 3)).toMatchObject({ amount: 10, evaluation: { cappedBy: 'activity_day' } });
    expect((await refusal(act('act-3', 1))).msg).toEqual({ key: 'points.err.capActivityDay', params: { cap: 40 } });

    // A reversed award no longer counts toward the bonus base.
    const s2 = await makeSubmission(t.db, { communityId: w.community.id, authorUserId: helper.id, ruleSetId: w.ruleSet.id, status: 'resolved', rating: 4 });
    const first = await awardPoints(t.db, { ...base, contribution: { kind: 'submission', submissionId: s2.id } });
    if (first.status !== 'paid') throw new Error('expected paid');
    await reverseTransfer(t.db, { communityId: w.community.id, transferId: first.transferId, actorUserId: w.second.id, reason: '重复上报', now: NOW });
    expect((await refusal(awardPoints(t.db, { ...base, contribution: { kind: 'outcome_bonus', submissionId: s2.id } }))).msg.key).toBe('points.err.noBaseAward');
    expect(await ledgerInvariants(t.db, w.community.id)).toMatchObject({ differences: [], totalOfBalances: 0, negatives: 0 });
  });

  it('keeps an anonymous author out of the audit log while paying them', async () => {
    const w = await makePointsWorld(t.db);
    const s = await makeSubmission(t.db, { communityId: w.community.id, authorUserId: w.residents[0].id, ruleSetId: w.ruleSet.id, anonymous: true });
    const res = await awardPoints(t.db, { communityId: w.community.id, approverUserId: w.approver.id, contribution: { kind: 'submission', submissionId: s.id }, now: NOW });
    expect(await balanceOf(w.community.id, w.residents[0].id)).toBe(30);
    const [a] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'points.award'), eq(auditLog.targetId, res.idempotencyKey)));
    expect(JSON.stringify(a.after)).not.toContain(`"recipientUserId":${w.residents[0].id}`);
    expect(a.after).toMatchObject({ recipientUserId: null });
  });

  it('lets the same resident earn in two communities with separate accounts', async () => {
    const resident = await makeResident(t.db);
    for (let i = 0; i < 2; i++) {
      const w = await makePointsWorld(t.db, { residents: 0 });
      const s = await makeSubmission(t.db, { communityId: w.community.id, authorUserId: resident.id, ruleSetId: w.ruleSet.id });
      await awardPoints(t.db, { communityId: w.community.id, approverUserId: w.approver.id, contribution: { kind: 'submission', submissionId: s.id }, now: NOW });
      expect(await balanceOf(w.community.id, resident.id)).toBe(30);
    }
    const [n] = await t.db.execute(sql`select count(*)::int as n from point_accounts where owner_user_id = ${resident.id}`) as unknown as { n: number }[];
    expect(n.n).toBe(2);
  });
});
