// 积分超市 test data: points credited straight from the community's budget (with lots, so every ledger invariant holds),
// goods and courses inserted as the catalog admin would leave them, and the rewards invariants checked from the database.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../src/db/client';
import { rewardItems, rewardSessions, rewardStockChanges } from '../../src/db/schema';
import { ensureAccount, query } from '../../src/domain/points/ledger-sql';
import { reconcileRewards } from '../../src/domain/rewards/reconcile-rewards';

/** Credits each user `amount` points (one transfer and one lot each, expiring at `expiresAt`), in a few statements. */
export async function creditPoints(db: DbOrTx, communityId: number, userIds: number[], amount: number, expiresAt = new Date(Date.now() + 365 * 86_400_000)) {
  if (!userIds.length) return;
  const budget = await ensureAccount(db, { communityId, kind: 'budget' });
  const ids = userIds.join(',');
  await query(db, sql`insert into point_accounts (community_id, kind, owner_user_id)
    select ${communityId}::int, 'resident', u::int from unnest(string_to_array(${ids}, ',')) u on conflict do nothing`);
  const tag = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  await query(db, sql`with acc as (
      select id, owner_user_id from point_accounts where community_id = ${communityId}::int and kind = 'resident'
        and owner_user_id = any(string_to_array(${ids}, ',')::int[])
    ), t as (
      insert into point_transfers (community_id, kind, from_account_id, to_account_id, amount, idempotency_key, reason)
      select ${communityId}::int, 'award', ${budget}::int, acc.id, ${amount}::bigint, 'test-credit:' || ${tag}::text || ':' || acc.id, '{"rule":"test"}'::jsonb from acc
      returning id, to_account_id
    ), l as (
      insert into point_lots (account_id, transfer_id, amount, remaining, expires_at)
      select to_account_id, id, ${amount}::bigint, ${amount}::bigint, ${expiresAt.toISOString()}::timestamptz from t returning account_id
    ), up as (
      update point_accounts set balance = balance + ${amount}::bigint where id in (select account_id from l)
    )
    update point_accounts set balance = balance - ${amount * userIds.length}::bigint where id = ${budget}::int`);
}

export async function makeGoods(db: DbOrTx, communityId: number, o: { name?: string; price?: number; stock?: number; monthlyLimit?: number | null; activeTo?: Date } = {}) {
  const stock = o.stock ?? 10;
  const [item] = await db
    .insert(rewardItems)
    .values({ communityId, kind: 'goods', name: o.name ?? '大米 5 kg', price: o.price ?? 100, stock, monthlyLimit: o.monthlyLimit ?? null, pickup: '社区服务中心一楼', activeTo: o.activeTo ?? null })
    .returning();
  await db.insert(rewardStockChanges).values({ itemId: item.id, delta: stock, before: 0, after: stock, reason: 'create' });
  return item;
}

export async function makeCourse(db: DbOrTx, communityId: number, o: { name?: string; price?: number; seats?: number; startsAt?: Date; sessions?: number } = {}) {
  const [item] = await db.insert(rewardItems).values({ communityId, kind: 'course', name: o.name ?? '书法课', price: o.price ?? 50, pickup: '社区活动室' }).returning();
  const seats = o.seats ?? 10;
  const start = o.startsAt ?? new Date(Date.now() + 3 * 86_400_000);
  const sessions = [];
  for (let i = 0; i < (o.sessions ?? 1); i++) {
    const startsAt = new Date(start.getTime() + i * 7 * 86_400_000);
    const [s] = await db
      .insert(rewardSessions)
      .values({ itemId: item.id, startsAt, endsAt: new Date(startsAt.getTime() + 90 * 60_000), place: '社区活动室 201', seats, seatsLeft: seats })
      .returning();
    await db.insert(rewardStockChanges).values({ itemId: item.id, sessionId: s.id, delta: seats, before: 0, after: seats, reason: 'create' });
    sessions.push(s);
  }
  return { item, sessions };
}

export async function rewardsInvariants(db: DbOrTx, communityId: number) {
  return reconcileRewards(db, { communityId });
}
