// Expiry by credit lots: whatever is left of a lot at its expiry date moves resident → expired sink, one transfer per
// account per run. Safe to re-run: expired lots are emptied in the same transaction, so a second run finds nothing.
import { and, eq, gt, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { pointAccounts, pointLotDraws, pointLots } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import { ensureAccount, insertTransfer, lockAccounts, moveBalances, query } from './ledger-sql';

export interface ExpireResult {
  accounts: number;
  points: number;
}

export async function expireLots(db: DbOrTx, opts: { now?: Date; communityId?: number; limit?: number } = {}): Promise<ExpireResult> {
  const now = opts.now ?? new Date();
  const due = await db
    .selectDistinct({ accountId: pointLots.accountId, communityId: pointAccounts.communityId, userId: pointAccounts.ownerUserId })
    .from(pointLots)
    .innerJoin(pointAccounts, eq(pointAccounts.id, pointLots.accountId))
    .where(and(gt(pointLots.remaining, 0), lte(pointLots.expiresAt, now), opts.communityId ? eq(pointAccounts.communityId, opts.communityId) : undefined))
    .limit(opts.limit ?? 10_000);
  const result: ExpireResult = { accounts: 0, points: 0 };
  // One short transaction per account: a resident's spending is blocked only for their own expiry.
  for (const acct of due) {
    const n = await db.transaction(async (tx) => {
      const sinkId = await ensureAccount(tx, { communityId: acct.communityId, kind: 'expired' });
      await lockAccounts(tx, [acct.accountId, sinkId]);
      const lots = await tx
        .select({ id: pointLots.id, remaining: pointLots.remaining })
        .from(pointLots)
        .where(and(eq(pointLots.accountId, acct.accountId), gt(pointLots.remaining, 0), lte(pointLots.expiresAt, now)));
      const amount = lots.reduce((s, l) => s + l.remaining, 0);
      if (amount === 0) return 0;
      const t = await insertTransfer(tx, {
        communityId: acct.communityId, kind: 'expiry', fromAccountId: acct.accountId, toAccountId: sinkId, amount,
        idempotencyKey: `expire:${acct.accountId}:${now.toISOString()}`, reason: { rule: 'expiry', lots: lots.map((l) => l.id), asOf: now.toISOString() }, createdAt: now,
      });
      if (!t) return 0;
      await moveBalances(tx, acct.accountId, sinkId, amount);
      await tx.insert(pointLotDraws).values(lots.map((l) => ({ transferId: t.id, lotId: l.id, amount: l.remaining })));
      await query(tx, sql`update ${pointLots} set remaining = 0 where id in (${sql.join(lots.map((l) => sql`${l.id}`), sql`, `)})`);
      await recordAudit(tx, {
        actorUserId: null, communityId: acct.communityId, action: 'points.expire', targetType: 'point_transfer', targetId: t.id,
        after: { amount, lots: lots.length, userId: acct.userId },
      });
      return amount;
    });
    if (n > 0) {
      result.accounts++;
      result.points += n;
    }
  }
  return result;
}
