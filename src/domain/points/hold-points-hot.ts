// holdPoints for hot paths (redemption): the same hold — resident → hold account, soonest-expiring lots drawn, both
// balances, the 'points.hold' audit row — in two statements instead of a dozen, as award-points does for awards.
// Statement 1 creates-or-locks both accounts (resident first, then hold: the ledger's lock order); statement 2, run
// while they are locked, reads the lots afresh (READ COMMITTED: a new snapshot after the lock wait) and writes the
// transfer, balances, draws and audit row. The debit stays conditional, so nothing can go below zero even on a bug.
// Call inside the caller's transaction.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { auditLog, pointAccounts, pointLotDraws, pointLots, pointTransfers } from '../../db/schema';
import { AppError } from '../errors';
import { parsePointsAmount } from './amount';
import type { HoldInput, MoveResult } from './hold-points';
import { statement } from './ledger-sql';

const P = sql.placeholder;

const lockStatement = statement<{ id: number; kind: string }>(
  () => sql`insert into ${pointAccounts} (community_id, kind, owner_user_id)
    values (${P('cid')}::int, 'resident', ${P('uid')}::int), (${P('cid')}::int, 'hold', ${P('uid')}::int)
    on conflict on constraint point_accounts_identity do update set balance = ${pointAccounts}.balance
    returning id, kind`,
);

const holdStatement = statement<{ existing_id: string | null; existing_kind: string | null; existing_from: number | null; existing_amount: string | null; id: string | null; available: string; drawn: string; debited: string }>(
  () => sql`with e as (
      select id, kind, from_account_id, amount from ${pointTransfers} where idempotency_key = ${P('key')}::text
    ), av as (
      select coalesce(sum(remaining), 0) as n from ${pointLots}
      where account_id = ${P('res')}::int and remaining > 0 and expires_at > ${P('at')}::timestamptz
    ), t as (
      insert into ${pointTransfers} (community_id, kind, from_account_id, to_account_id, amount, idempotency_key, reason, created_by, created_at)
      select ${P('cid')}::int, 'hold', ${P('res')}::int, ${P('hold')}::int, ${P('amount')}::bigint, ${P('key')}::text, ${P('reason')}::text::jsonb,
             ${P('by')}::int, ${P('at')}::timestamptz
      where not exists (select 1 from e) and (select n from av) >= ${P('amount')}::bigint
      on conflict (idempotency_key) do nothing
      returning id
    ), deb as (
      update ${pointAccounts} set balance = balance - ${P('amount')}::bigint
      where id = ${P('res')}::int and balance >= ${P('amount')}::bigint and exists (select 1 from t) returning id
    ), cred as (
      update ${pointAccounts} set balance = balance + ${P('amount')}::bigint where id = ${P('hold')}::int and exists (select 1 from t)
    ), open as (
      select id, remaining, sum(remaining) over (order by expires_at, id) as run from ${pointLots}
      where account_id = ${P('res')}::int and remaining > 0 and expires_at > ${P('at')}::timestamptz and exists (select 1 from t)
    ), take as (
      select id, least(remaining, ${P('amount')}::bigint - (run - remaining)) as n from open where run - remaining < ${P('amount')}::bigint
    ), upd as (
      update ${pointLots} l set remaining = l.remaining - take.n from take where l.id = take.id returning l.id, take.n
    ), ins as (
      insert into ${pointLotDraws} (transfer_id, lot_id, amount) select (select id from t), id, n from upd
    ), a as (
      insert into ${auditLog} (actor_user_id, community_id, action, target_type, target_id, after)
      select ${P('by')}::int, ${P('cid')}::int, 'points.hold', 'point_transfer', t.id::text, ${P('audit')}::text::jsonb from t
    )
    select (select id from e) as existing_id, (select kind from e) as existing_kind, (select from_account_id from e) as existing_from,
           (select amount from e) as existing_amount, (select id from t) as id, (select n from av) as available,
           (select coalesce(sum(n), 0) from upd) as drawn, (select count(*) from deb) as debited`,
);

export async function holdPointsHot(tx: DbOrTx, input: HoldInput): Promise<MoveResult> {
  const amount = parsePointsAmount(input.amount);
  const now = input.now ?? new Date();
  const accounts = await lockStatement(tx, { cid: input.communityId, uid: input.userId });
  const res = Number(accounts.find((a) => a.kind === 'resident')!.id);
  const hold = Number(accounts.find((a) => a.kind === 'hold')!.id);
  const by = input.actorUserId ?? input.userId;
  const [r] = await holdStatement(tx, {
    key: input.idempotencyKey, res, hold, cid: input.communityId, amount, by, at: now.toISOString(),
    reason: JSON.stringify({ rule: 'hold', source: input.reason }), audit: JSON.stringify({ amount, source: input.reason }),
  });
  if (r.existing_id !== null) {
    if (r.existing_kind !== 'hold' || Number(r.existing_from) !== res || Number(r.existing_amount) !== amount) throw new AppError('conflict', 'points.err.keyReused');
    return { transferId: Number(r.existing_id), amount, replayed: true };
  }
  if (r.id === null) {
    const available = Number(r.available);
    if (available < amount) throw new AppError('conflict', { key: 'points.err.insufficient', params: { available, amount } });
    throw new AppError('conflict', 'points.err.keyReused'); // a racing insert of the same key (cannot happen under the lock)
  }
  // Unreachable while the accounts are locked and lots equal the balance; if it ever happens, roll back.
  if (Number(r.drawn) !== amount || Number(r.debited) !== 1) throw new Error(`ledger: hot hold ${r.id} drew ${r.drawn} of ${amount}, debited ${r.debited}`);
  return { transferId: Number(r.id), amount, replayed: false };
}
