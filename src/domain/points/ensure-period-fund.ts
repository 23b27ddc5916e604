// The reward fund (奖励经费) of one period, created on first use and credited once from the community's budget account,
// split evenly over FUND_SLICES slice rows so concurrent awards pick different rows (see consolidate-fund.ts).
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { pointAccounts } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import { currentRuleSet } from '../rules/current-rule-set';
import { ensureAccount, insertTransfer, moveBalances } from './ledger-sql';

/** Enough that a handful of concurrent awards rarely meet on one row; few enough that a slice still holds big awards. */
export const FUND_SLICES = 16;

export const budgetKey = (communityId: number, period: string, slice: number) => `budget:${communityId}:${period}:${slice}`;

/**
 * Makes sure the fund of `period` ('2026-11') exists. The first caller creates it (slice 0 is the marker row: racing
 * callers block on its unique key, then find it) and pays in the budget of the rule set in force at `at`.
 * Call inside a transaction, after locking any resident account (lock order: resident → budget → fund).
 */
export async function ensurePeriodFund(
  tx: DbOrTx,
  o: { communityId: number; period: string; at: Date; actorUserId?: number | null },
): Promise<{ created: boolean }> {
  const where = and(eq(pointAccounts.communityId, o.communityId), eq(pointAccounts.kind, 'fund'), eq(pointAccounts.period, o.period), eq(pointAccounts.slice, 0));
  const [found] = await tx.select({ id: pointAccounts.id }).from(pointAccounts).where(where);
  if (found) return { created: false };
  const budgetId = await ensureAccount(tx, { communityId: o.communityId, kind: 'budget' });
  const [made] = await tx
    .insert(pointAccounts)
    .values({ communityId: o.communityId, kind: 'fund', period: o.period, slice: 0 })
    .onConflictDoNothing()
    .returning({ id: pointAccounts.id });
  if (!made) return { created: false };
  const rest = await tx
    .insert(pointAccounts)
    .values(Array.from({ length: FUND_SLICES - 1 }, (_, i) => ({ communityId: o.communityId, kind: 'fund' as const, period: o.period, slice: i + 1 })))
    .returning({ id: pointAccounts.id, slice: pointAccounts.slice });
  const slices = [{ id: made.id, slice: 0 }, ...rest].sort((a, b) => a.slice - b.slice);
  const rules = await currentRuleSet(tx, o.communityId, o.at);
  const total = rules.body.budget.points;
  const ids: number[] = [];
  for (const s of slices) {
    const amount = Math.floor(total / FUND_SLICES) + (s.slice < total % FUND_SLICES ? 1 : 0);
    if (amount === 0) continue;
    const t = await insertTransfer(tx, {
      communityId: o.communityId, kind: 'budget', fromAccountId: budgetId, toAccountId: s.id, amount, createdAt: o.at,
      idempotencyKey: budgetKey(o.communityId, o.period, s.slice), createdBy: o.actorUserId ?? null,
      reason: { rule: 'budget', ruleSetId: rules.id, ruleSetVersion: rules.version, period: o.period, slice: s.slice },
    });
    // The account rows are new, so their keys cannot have been used; a null here means a hand-made row, not a race.
    if (!t) throw new Error(`ledger: ${budgetKey(o.communityId, o.period, s.slice)} exists without its fund account`);
    await moveBalances(tx, budgetId, s.id, amount);
    ids.push(t.id);
  }
  await recordAudit(tx, {
    actorUserId: o.actorUserId ?? null, communityId: o.communityId, action: 'points.fund.open', targetType: 'point_fund',
    targetId: `${o.communityId}:${o.period}`, after: { period: o.period, amount: total, ruleSetVersion: rules.version, transfers: ids },
  });
  return { created: true };
}
