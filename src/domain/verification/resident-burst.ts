// How many items the same resident filed in the hour before this one. Counted by creation order, not by status, so
// the answer does not depend on which verify job happens to run first.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { query } from '../points/ledger-sql';

/**
 * More than this many items from one resident within an hour: the rest are refused. The submit form's Redis limit
 * (20 an hour) fails open while Redis is down; this is the backstop. Set so a 楼栋长 walking a round and reporting what
 * they see (ten items is a busy but honest hour) is never refused.
 */
export const MAX_ITEMS_PER_HOUR = 10;

export async function itemsInHourBefore(tx: DbOrTx, itemId: number): Promise<number> {
  // Compared in SQL against the stored timestamp (microseconds), not a JS Date (milliseconds).
  const [row] = await query<{ n: string | number }>(
    tx,
    sql`select count(*) as n from submissions o, (select author_user_id, created_at from submissions where id = ${itemId}) me
        where o.author_user_id = me.author_user_id
          and o.created_at > me.created_at - interval '1 hour'
          and (o.created_at < me.created_at or (o.created_at = me.created_at and o.id < ${itemId}))`,
    { prepared: true }, // once per item verified: parsed and planned once per connection
  );
  return Number(row?.n ?? 0);
}
