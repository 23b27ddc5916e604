// 我的积分: the signed-in resident's balance, points held for redemptions, points expiring soon, and their entries newest first.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
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
  // Totals and the page's rows in parallel (two connections): the rows do not need the count, which only pages.
  const upTo = offsetOf(page) + RESIDENT_PAGE_SIZE;
  // Per account (LATERAL), so each side is an index scan newest first whatever the statistics say: a fund account
  // sends millions of transfers, and an estimate from that made the planner scan them all for a resident's page.
  const mine = sql`(select id from point_accounts where owner_user_id = ${userId} and kind = 'resident') a`;
  const [[totals], rawRows] = await Promise.all([
    query<{ balance: string; pending: string; expiring: string; n: string }>(
      db,
      sql`select
        (select coalesce(sum(balance), 0) from point_accounts where owner_user_id = ${userId} and kind = 'resident') as balance,
        (select coalesce(sum(balance), 0) from point_accounts where owner_user_id = ${userId} and kind = 'hold') as pending,
        (select coalesce(sum(l.remaining), 0) from point_lots l join point_accounts a on a.id = l.account_id
           where a.owner_user_id = ${userId} and a.kind = 'resident' and l.remaining > 0
             and l.expires_at > ${now.toISOString()}::timestamptz and l.expires_at <= ${soon.toISOString()}::timestamptz) as expiring,
        -- In and out counted apart, each through its account index (a transfer never has one account on both ends):
        -- an OR across both columns scanned every transfer of the district.
        (select count(*) from point_transfers t join point_accounts a on a.id = t.to_account_id
           where a.owner_user_id = ${userId} and a.kind = 'resident')
        + (select count(*) from point_transfers t join point_accounts a on a.id = t.from_account_id
           where a.owner_user_id = ${userId} and a.kind = 'resident') as n`,
      { prepared: true }, // planned once per connection, not on every page view
    ),
    // Incoming and outgoing read apart, newest first through each account index, then merged: one OR over both
    // columns read every transfer of the district (10,000,000 in the bench) for one resident's page.
    query<{ id: string | number; kind: string; amount: string | number; incoming: boolean; at: string | Date; reason: unknown }>(
      db,
      sql`select * from (
            (select t.* from ${mine} cross join lateral (select id, kind, amount, true as incoming, created_at as at, reason
               from point_transfers where to_account_id = a.id order by created_at desc, id desc limit ${upTo}) t)
            union all
            (select t.* from ${mine} cross join lateral (select id, kind, amount, false as incoming, created_at as at, reason
               from point_transfers where from_account_id = a.id order by created_at desc, id desc limit ${upTo}) t)
          ) u order by at desc, id desc limit ${RESIDENT_PAGE_SIZE} offset ${offsetOf(page)}`,
      { prepared: true },
    ),
  ]);
  const total = Number(totals.n);
  const rows = rawRows.map((r) => ({ ...r, id: Number(r.id), at: r.at instanceof Date ? r.at : new Date(r.at) }));
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
