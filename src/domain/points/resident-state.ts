// What caps and the one-per-matter rule need to know about a resident, read while their account row is locked.
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { pointAccounts, pointTransfers } from '../../db/schema';
import type { LocalClock } from './clock';
import { statement } from './ledger-sql';

const P = sql.placeholder;

export interface ResidentState {
  existingId: number | null;
  existingAmount: number;
  /** Awards to the resident today / this month (local time), reversed ones excluded. */
  today: number;
  month: number;
  activityToday: number;
  /** The period fund's total (all slices); paying still checks the slice it draws on. */
  fundBalance: number;
}

/**
 * Sums of the account's awards in the local day [d0, d1) and month [m0, m1) (placeholders, or what `v` makes of
 * those names): a lateral subquery
 * with columns today, month, activity_today.
 */
export function awardTotals(accountId: SQL, v: (name: string) => SQL = (name) => sql`${P(name)}`): SQL {
  return sql`(select
      coalesce(sum(t.amount) filter (where t.created_at >= ${v('d0')}::timestamptz and t.created_at < ${v('d1')}::timestamptz), 0) as today,
      coalesce(sum(t.amount), 0) as month,
      coalesce(sum(t.amount) filter (where t.created_at >= ${v('d0')}::timestamptz and t.created_at < ${v('d1')}::timestamptz
        and t.reason->>'rule' = 'volunteer_activity'), 0) as activity_today
    from ${pointTransfers} t
    where t.to_account_id = ${accountId} and t.kind = 'award'
      and t.created_at >= ${v('m0')}::timestamptz and t.created_at < ${v('m1')}::timestamptz
      and not exists (select 1 from ${pointTransfers} v where v.settles_transfer_id = t.id and v.kind = 'reversal'))`;
}

const stateStatement = statement<Record<string, string | number | null>>(
  () => sql`select e.id as existing_id, e.amount as existing_amount, tot.today, tot.month, tot.activity_today,
      (select coalesce(sum(balance), 0) from ${pointAccounts} where community_id = ${P('cid')}::int and kind = 'fund'
        and period = ${P('period')}::text) as fund_balance
    from ${awardTotals(sql`${P('account')}::int`)} tot
    left join ${pointTransfers} e on e.idempotency_key = ${P('key')}::text`,
);

/** Reads the state in a statement of its own; call only while holding the resident account's lock. */
export async function residentState(
  tx: DbOrTx,
  o: { communityId: number; residentId: number; key: string; clock: LocalClock },
): Promise<ResidentState> {
  const c = o.clock;
  const [r] = await stateStatement(tx, {
    cid: o.communityId, period: c.period, account: o.residentId, key: o.key,
    d0: c.dayStart.toISOString(), d1: c.dayEnd.toISOString(), m0: c.monthStart.toISOString(), m1: c.monthEnd.toISOString(),
  });
  return toState(r);
}

export function toState(r: Record<string, string | number | null>): ResidentState {
  return {
    existingId: r.existing_id === null ? null : Number(r.existing_id),
    existingAmount: Number(r.existing_amount ?? 0),
    today: Number(r.today ?? 0),
    month: Number(r.month ?? 0),
    activityToday: Number(r.activity_today ?? 0),
    fundBalance: Number(r.fund_balance ?? 0),
  };
}

const createStatement = statement<{ id: number }>(
  () => sql`insert into ${pointAccounts} (community_id, kind, owner_user_id) values (${P('cid')}::int, 'resident', ${P('uid')}::int)
    on conflict on constraint point_accounts_identity do update set balance = ${pointAccounts}.balance returning id`,
);

/**
 * A resident's first award: creates their account and locks it in one statement (a new row is ours until commit;
 * a racing creator waits on the unique key, then takes the row lock through DO UPDATE).
 */
export async function createAndLockResident(tx: DbOrTx, communityId: number, userId: number): Promise<number> {
  const [row] = await createStatement(tx, { cid: communityId, uid: userId });
  return Number(row.id);
}
