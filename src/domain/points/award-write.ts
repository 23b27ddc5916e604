// Paying decided awards — one, or a batch of one community's fund period — in ONE statement: transfer, credit lot,
// audit row (what recordAudit writes, inlined to save a round trip) and both balances per award. Shared by the single
// award (awardPoints) and group commit (awardPointsBatch), so the ledger's write has one definition.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { auditLog, pointAccounts, pointLots, pointTransfers } from '../../db/schema';
import { statement } from './ledger-sql';

export interface AwardWrite {
  communityId: number; period: string; residentId: number; amount: number; key: string; reason: object; createdBy: number; now: Date;
  expiresAt: Date; audit: object;
  /** The fund slice to pay from (after consolidation); null picks a free one. */
  sliceId: number | null;
  /** The resident account's xmin the caps were judged on (optimistic award); null when the caller holds its lock. */
  seenXmin: string | null;
}

/**
 * Per award: the transfer id; 'stale' when the resident's account had changed since `seenXmin`; 'no_slice' when no
 * fund slice was free and could cover the whole statement; 'paid' when the key was already paid (by a racer).
 */
export type Written = number | 'stale' | 'no_slice' | 'paid';

/**
 * The awards must share community, period and sliceId, and name each resident at most once (the caps of a second
 * award depend on the first). The statement locks the residents' accounts by primary key (the planner cannot count
 * the JSON inputs, and a join to them read the whole accounts table) in id order, so two writers never wait in a
 * circle, each only if its xmin is still `seenXmin` when given: a concurrent change is waited for and then seen,
 * since a locking read re-checks its condition on the newest row version. Then — all residents first, the ledger's
 * lock order — one fund slice that covers the whole statement, FOR NO KEY UPDATE SKIP LOCKED, never waiting:
 * concurrent writers take other slices instead of queueing on one row. The slice's debit is conditional; should it
 * ever miss after the transfers were inserted, ledger_abort fails the whole statement, so nothing is paid unfunded
 * even outside a transaction.
 */
export async function writeAwards(tx: DbOrTx, writes: readonly AwardWrite[]): Promise<Written[]> {
  const first = writes[0];
  const rows = writes.map((w, ord) => ({
    ord, resident: w.residentId, seen: w.seenXmin, amount: w.amount, key: w.key, reason: w.reason, by: w.createdBy,
    at: w.now.toISOString(), expires: w.expiresAt.toISOString(), audit: w.audit,
  }));
  const result = await writeStatement(tx, { cid: first.communityId, period: first.period, slice: first.sliceId, rows: JSON.stringify(rows) });
  const byOrd = new Map(result.map((r) => [Number(r.ord), r]));
  return writes.map((_, ord) => {
    const r = byOrd.get(ord)!;
    if (!r.resident_ok) return 'stale';
    if (r.slice_id === null) return 'no_slice';
    return r.id === null ? 'paid' : Number(r.id);
  });
}

const P = sql.placeholder;
const writeStatement = statement<{ ord: number; resident_ok: boolean; slice_id: number | null; id: string | number | null }>(
  () => sql`with inp as materialized (
      select * from jsonb_to_recordset(${P('rows')}::text::jsonb) as x("ord" int, "resident" int, "seen" text, "amount" bigint, "key" text,
        "reason" jsonb, "by" int, "at" timestamptz, "expires" timestamptz, "audit" jsonb)
    ), rl as materialized (
      select a.id from ${pointAccounts} a
      where a.id = any (array(select resident from inp))
        and (select inp.seen is null or inp.seen::xid = a.xmin from inp where inp.resident = a.id)
      order by a.id
      for no key update
    ), go as materialized (
      select inp.* from inp join rl on rl.id = inp.resident
    ), s as (
      select id from ${pointAccounts}
      where (select count(*) from go) > 0
        and (id = ${P('slice')}::int
          or (${P('slice')}::int is null and community_id = ${P('cid')}::int and kind = 'fund' and period = ${P('period')}::text
              and balance >= (select sum(amount) from go)))
      order by random() limit 1
      for no key update skip locked
    ), t as (
      insert into ${pointTransfers} (community_id, kind, from_account_id, to_account_id, amount, idempotency_key, reason, created_by, created_at)
      select ${P('cid')}::int, 'award', s.id, go.resident, go.amount, go.key, go.reason, go.by, go.at
      from go cross join s
      on conflict (idempotency_key) do nothing
      returning id, to_account_id, amount, idempotency_key
    ), l as (
      insert into ${pointLots} (account_id, transfer_id, amount, remaining, expires_at)
      select t.to_account_id, t.id, t.amount, t.amount, go.expires from t join go on go.key = t.idempotency_key
    ), a as (
      insert into ${auditLog} (actor_user_id, community_id, action, target_type, target_id, after)
      select go.by, ${P('cid')}::int, 'points.award', 'point_transfer', go.key, go.audit from t join go on go.key = t.idempotency_key
    ), r as (
      update ${pointAccounts} p set balance = p.balance + t.amount from t where p.id = t.to_account_id
    ), f as (
      update ${pointAccounts} set balance = balance - (select sum(amount) from t)
      where id = (select id from s) and balance >= (select sum(amount) from t) and exists (select 1 from t)
      returning id
    )
    select inp.ord, exists (select 1 from rl where rl.id = inp.resident) as resident_ok, (select id from s) as slice_id, t.id,
      case when exists (select 1 from t) and not exists (select 1 from f) then ledger_abort('fund slice did not cover ' || inp.key) end as guard
    from inp left join t on t.idempotency_key = inp.key`,
);
