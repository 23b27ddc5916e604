// Daily: residents with points expiring within REMIND_WITHIN_DAYS get one in-app notification per expiring lot date
// (their lots grouped by local expiry day), linking to 我的积分. Keyed by account and date, so re-runs never repeat one.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { translator } from '../../i18n/messages';
import { notify } from '../notifications/notify';
import { query } from './ledger-sql';
import { EXPIRING_WITHIN_DAYS } from './list-my-ledger';

/** The same window 我的积分 shows as "expiring soon". */
export const REMIND_WITHIN_DAYS = EXPIRING_WITHIN_DAYS;
const zh = translator('zh-CN');

export interface RemindResult {
  /** (account, date) pairs due a reminder. */
  due: number;
  /** Notifications written by this run (0 on a re-run). */
  sent: number;
}

export async function remindExpiring(db: DbOrTx, opts: { now?: Date; timeZone?: string; limit?: number } = {}): Promise<RemindResult> {
  const now = opts.now ?? new Date();
  const tz = opts.timeZone ?? 'Asia/Shanghai';
  const until = new Date(now.getTime() + REMIND_WITHIN_DAYS * 86400_000);
  // Grouped by the local calendar day a lot expires on: that is the date the resident reads.
  const rows = await query<{ account_id: number; owner_user_id: number; day: string; points: string | number }>(
    db,
    sql`select a.id as account_id, a.owner_user_id, to_char(l.expires_at at time zone ${tz}, 'YYYY-MM-DD') as day, sum(l.remaining) as points
        from point_lots l join point_accounts a on a.id = l.account_id
        where a.kind = 'resident' and l.remaining > 0
          and l.expires_at > ${now.toISOString()}::timestamptz and l.expires_at <= ${until.toISOString()}::timestamptz
        group by 1, 2, 3 order by 3, 1 limit ${opts.limit ?? 50_000}`,
  );
  let sent = 0;
  for (const r of rows) {
    const id = await notify(db, {
      userId: Number(r.owner_user_id),
      kind: 'points.expiring',
      title: zh('expiry.remind.title'),
      body: zh('expiry.remind.body', { n: Number(r.points), date: r.day }),
      link: '/me/points',
      dedupeKey: `points-expiring:${r.account_id}:${r.day}`,
    });
    if (id !== null) sent++;
  }
  return { due: rows.length, sent };
}
