// Credit lots of resident accounts: every credit makes a lot (awards write theirs in award-points.ts), every debit
// draws on lots soonest-expiring first.
// All of these run while the caller holds the resident account's lock, so lots of one account never race.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { pointLotDraws, pointLots } from '../../db/schema';
import { query } from './ledger-sql';

/** Points still spendable at `now` (lots not yet expired). */
export async function availablePoints(tx: DbOrTx, accountId: number, now: Date): Promise<number> {
  const [row] = await query<{ n: string | number }>(
    tx,
    sql`select coalesce(sum(remaining), 0) as n from ${pointLots}
        where account_id = ${accountId} and remaining > 0 and expires_at > ${now.toISOString()}::timestamptz`,
  );
  return Number(row.n);
}

/**
 * Draws `amount` from unexpired lots, soonest-expiring first (a preferred lot first, e.g. the award being reversed),
 * recording each draw against the debit transfer. Returns what was drawn; the caller refuses if it is short.
 */
export async function drawLots(
  tx: DbOrTx,
  o: { accountId: number; transferId: number; amount: number; now: Date; preferLotId?: number; includeExpired?: boolean },
): Promise<number> {
  const expiry = o.includeExpired ? sql`true` : sql`expires_at > ${o.now.toISOString()}::timestamptz`;
  const [row] = await query<{ drawn: string | number }>(
    tx,
    sql`with open as (
          select id, remaining,
                 sum(remaining) over (order by (id = ${o.preferLotId ?? 0}::bigint) desc, expires_at, id) as run
          from ${pointLots} where account_id = ${o.accountId} and remaining > 0 and ${expiry}
        ), take as (
          select id, least(remaining, ${o.amount}::bigint - (run - remaining)) as n from open where run - remaining < ${o.amount}::bigint
        ), upd as (
          update ${pointLots} l set remaining = l.remaining - take.n from take where l.id = take.id returning l.id, take.n
        ), ins as (
          insert into ${pointLotDraws} (transfer_id, lot_id, amount) select ${o.transferId}::bigint, id, n from upd
        )
        select coalesce(sum(n), 0) as drawn from upd`,
  );
  return Number(row.drawn);
}

/** Puts the points a debit drew back into the same lots (a voided hold keeps its original expiry dates). */
export async function restoreDraws(tx: DbOrTx, debitTransferId: number): Promise<number> {
  const [row] = await query<{ n: string | number }>(
    tx,
    sql`with back as (
          update ${pointLots} l set remaining = l.remaining + d.amount
          from ${pointLotDraws} d where d.transfer_id = ${debitTransferId} and l.id = d.lot_id
          returning d.amount
        )
        select coalesce(sum(amount), 0) as n from back`,
  );
  return Number(row.n);
}
