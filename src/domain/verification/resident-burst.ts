// How many items the same resident filed in the hour before this one. Counted by creation order, not by status, so
// the answer does not depend on which verify job happens to run first.
import { sql, type SQL } from 'drizzle-orm';

/**
 * More than this many items from one resident within an hour: the rest are refused. The submit form's Redis limit
 * (20 an hour) fails open while Redis is down; this is the backstop. Set so a 楼栋长 walking a round and reporting what
 * they see (ten items is a busy but honest hour) is never refused.
 */
export const MAX_ITEMS_PER_HOUR = 10;

/**
 * A scalar subquery: the author's items created in the hour before the item row `s` (columns id, author_user_id,
 * created_at). Compared in SQL against the stored timestamp (microseconds), not a JS Date (milliseconds). The window is
 * one range (no OR around it), so it is read from submissions_author (author, created_at), never a wider index.
 */
export const itemsInHourBeforeSql: SQL = sql`(select count(*) from submissions o
    where o.author_user_id = s.author_user_id
      and o.created_at > s.created_at - interval '1 hour' and o.created_at <= s.created_at
      and (o.created_at < s.created_at or o.id < s.id))`;
