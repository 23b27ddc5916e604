// 我的积分: the signed-in resident's balance, points held for redemptions, points expiring soon, and their entries newest first.
import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { pointAccounts, pointTransfers } from '../../db/schema';
import type { Paged } from '../communities/paging';
import { offsetOf, RESIDENT_PAGE_SIZE, residentPaged } from '../submissions/resident-page';
import { asReason, loadReasonLabels, ruleLabelOf } from './entry-reason';
import { query } from './ledger-sql';

export const EXPIRING_WITHIN_DAYS = 30;

export interface LedgerRow {
  id: number;
  kind: string;
  /** Positive: points in; negative: points out. */
  amount: number;
  at: Date;
  /** Category label or rule key ('patrol', 'hold', …), as on the entry page. */
  ruleLabel: string | null;
}

export interface MyLedger {
  balance: number;
  /** Points held for redemptions not yet handed over (the hold account). */
  pending: number;
  /** Points on the resident account whose lots expire within EXPIRING_WITHIN_DAYS. */
  expiringSoon: number;
  entries: Paged<LedgerRow>;
}

export async function listMyLedger(db: DbOrTx, userId: number, page: number, now = new Date()): Promise<MyLedger> {
  const soon = new Date(now.getTime() + EXPIRING_WITHIN_DAYS * 86_400_000);
  const [totals] = await query<{ balance: string; pending: string; expiring: string; n: string }>(
    db,
    sql`select
      (select coalesce(sum(balance), 0) from point_accounts where owner_user_id = ${userId} and kind = 'resident') as balance,
      (select coalesce(sum(balance), 0) from point_accounts where owner_user_id = ${userId} and kind = 'hold') as pending,
      (select coalesce(sum(l.remaining), 0) from point_lots l join point_accounts a on a.id = l.account_id
         where a.owner_user_id = ${userId} and a.kind = 'resident' and l.remaining > 0
           and l.expires_at > ${now.toISOString()}::timestamptz and l.expires_at <= ${soon.toISOString()}::timestamptz) as expiring,
      (select count(*) from point_transfers t where exists (select 1 from point_accounts a
         where a.owner_user_id = ${userId} and a.kind = 'resident' and a.id in (t.from_account_id, t.to_account_id))) as n`,
  );
  const mine = db
    .select({ id: pointAccounts.id })
    .from(pointAccounts)
    .where(and(eq(pointAccounts.ownerUserId, userId), eq(pointAccounts.kind, 'resident')));
  const total = Number(totals.n);
  const rows = total
    ? await db
        .select({
          id: pointTransfers.id,
          kind: pointTransfers.kind,
          amount: pointTransfers.amount,
          incoming: sql<boolean>`${inArray(pointTransfers.toAccountId, mine)}`,
          at: pointTransfers.createdAt,
          reason: pointTransfers.reason,
        })
        .from(pointTransfers)
        .where(or(inArray(pointTransfers.toAccountId, mine), inArray(pointTransfers.fromAccountId, mine)))
        .orderBy(desc(pointTransfers.createdAt), desc(pointTransfers.id))
        .limit(RESIDENT_PAGE_SIZE)
        .offset(offsetOf(page))
    : [];
  const reasons = rows.map((r) => asReason(r.reason));
  const label = await loadReasonLabels(db, reasons);
  const entries: LedgerRow[] = rows.map((r, i) => ({
    id: r.id,
    kind: r.kind,
    amount: r.incoming ? Number(r.amount) : -Number(r.amount),
    at: r.at,
    ruleLabel: ruleLabelOf(reasons[i], label),
  }));
  return { balance: Number(totals.balance), pending: Number(totals.pending), expiringSoon: Number(totals.expiring), entries: residentPaged(entries, total, page) };
}
