// Recomputes every balance from the transfers (and resident balances from their lots) and reports differences.
// Report only: a difference means a bug to investigate, so nothing is "fixed" behind anyone's back.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { PointAccountKind } from '../../db/schema';
import { query } from './ledger-sql';

export interface BalanceDifference {
  accountId: number;
  communityId: number;
  kind: PointAccountKind;
  ownerUserId: number | null;
  period: string | null;
  cached: number;
  /** sum(in) - sum(out) over all transfers. */
  computed: number;
  /** Resident accounts: sum of the lots' remaining points (must equal the balance). */
  lots: number | null;
}

export interface ReconcileReport {
  accounts: number;
  transfers: number;
  /** Double entry: all balances of a community add up to zero (the budget account is the negative side). */
  totalOfBalances: number;
  differences: BalanceDifference[];
}

export async function reconcileBalances(db: DbOrTx, opts: { communityId?: number } = {}): Promise<ReconcileReport> {
  const only = opts.communityId === undefined ? sql`true` : sql`a.community_id = ${opts.communityId}`;
  // One statement = one snapshot: balances, transfers and lots are compared as of the same instant.
  const rows = await query<Record<string, string | number | null> & { kind: PointAccountKind; period: string | null }>(
    db,
    sql`with i as (select to_account_id as id, sum(amount) as s, count(*) as n from point_transfers group by 1),
             o as (select from_account_id as id, sum(amount) as s from point_transfers group by 1),
             l as (select account_id as id, sum(remaining) as s from point_lots group by 1),
             x as (
               select a.id, a.community_id, a.kind, a.owner_user_id, a.period, a.balance as cached,
                      coalesce(i.s, 0) - coalesce(o.s, 0) as computed, coalesce(i.n, 0) as n,
                      case when a.kind = 'resident' then coalesce(l.s, 0) end as lots
               from point_accounts a left join i on i.id = a.id left join o on o.id = a.id left join l on l.id = a.id
               where ${only})
        select * from x`,
  );
  const differences = rows
    .filter((r) => Number(r.cached) !== Number(r.computed) || (r.lots !== null && Number(r.lots) !== Number(r.cached)))
    .map((r) => ({
      accountId: Number(r.id), communityId: Number(r.community_id), kind: r.kind, ownerUserId: r.owner_user_id === null ? null : Number(r.owner_user_id),
      period: r.period, cached: Number(r.cached), computed: Number(r.computed), lots: r.lots === null ? null : Number(r.lots),
    }));
  return {
    accounts: rows.length,
    transfers: rows.reduce((s, r) => s + Number(r.n), 0),
    totalOfBalances: rows.reduce((s, r) => s + Number(r.cached), 0),
    differences,
  };
}
