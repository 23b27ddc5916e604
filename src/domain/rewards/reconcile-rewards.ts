// The nightly reconciliation's 积分超市 part: no redemption hold without a voucher, every voucher's hold settled the
// way its status says, and stock/seats equal to their recorded changes minus the units vouchers still take.
// Report only, like the balance check: a difference is a bug to investigate.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { query } from '../points/ledger-sql';

export interface RewardsDifference {
  communityId: number;
  problem: 'hold_without_voucher' | 'voucher_hold_mismatch' | 'stock' | 'seats';
  /** The transfer, voucher, item or session concerned. */
  ref: string;
  /** The hold account concerned (holds), else 0. */
  accountId: number;
  actual: number;
  expected: number;
}

export async function reconcileRewards(db: DbOrTx, opts: { communityId?: number } = {}): Promise<RewardsDifference[]> {
  const only = (col: string) => (opts.communityId === undefined ? sql`true` : sql`${sql.raw(col)} = ${opts.communityId}`);
  // One statement = one snapshot, as for balances.
  const rows = await query<{ community_id: number; problem: RewardsDifference['problem']; ref: string; account_id: number; actual: string; expected: string }>(
    db,
    sql`select t.community_id, 'hold_without_voucher' as problem, 'transfer:' || t.id as ref, t.to_account_id as account_id, t.amount as actual, 0 as expected
          from point_transfers t
          where t.kind = 'hold' and t.reason->'source'->>'type' = 'redemption' and ${only('t.community_id')}
            and not exists (select 1 from reward_vouchers v where v.hold_transfer_id = t.id)
        union all
        select v.community_id, 'voucher_hold_mismatch', 'voucher:' || v.id, h.to_account_id, h.amount, 0
          from reward_vouchers v join point_transfers h on h.id = v.hold_transfer_id
          left join point_transfers s on s.settles_transfer_id = h.id
          where ${only('v.community_id')} and not (
            (v.status = 'pending' and s.id is null) or
            (v.status = 'handed_over' and s.kind = 'post') or
            (v.status in ('cancelled', 'expired') and s.kind = 'void') or
            (v.status = 'no_show' and s.kind in ('post', 'void')))
        union all
        select i.community_id, 'stock', 'item:' || i.id, 0, i.stock,
               (select coalesce(sum(delta), 0) from reward_stock_changes c where c.item_id = i.id and c.session_id is null)
             - (select count(*) from reward_vouchers v where v.item_id = i.id and v.session_id is null and v.status in ('pending', 'handed_over'))
          from reward_items i where i.kind = 'goods' and ${only('i.community_id')}
        union all
        select i.community_id, 'seats', 'session:' || s.id, 0, s.seats_left,
               (select coalesce(sum(delta), 0) from reward_stock_changes c where c.session_id = s.id)
             - (select count(*) from reward_vouchers v where v.session_id = s.id and v.status in ('pending', 'handed_over', 'no_show'))
          from reward_sessions s join reward_items i on i.id = s.item_id where ${only('i.community_id')}`,
  );
  return rows
    .map((r) => ({ communityId: Number(r.community_id), problem: r.problem, ref: r.ref, accountId: Number(r.account_id), actual: Number(r.actual), expected: Number(r.expected) }))
    .filter((d) => d.problem === 'hold_without_voucher' || d.problem === 'voucher_hold_mismatch' || d.actual !== d.expected);
}
