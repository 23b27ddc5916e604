// When no fund slice can pay an award on its own (all busy or each too small), lock every slice and move points
// between them so one can — refusing only when the fund as a whole is short. Rarely taken; never silently capped.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { pointAccounts } from '../../db/schema';
import { insertTransfer, moveBalances, query } from './ledger-sql';

export type Consolidated = { sliceId: number } | { short: true; remaining: number };

export async function consolidateFund(
  tx: DbOrTx,
  o: { communityId: number; period: string; amount: number; key: string; now: Date; actorUserId: number | null },
): Promise<Consolidated> {
  // In id order, like every multi-row lock of one rank; holders of a single slice never wait for another one.
  const slices = await query<{ id: number; balance: string | number }>(
    tx,
    sql`select id, balance from ${pointAccounts} where community_id = ${o.communityId} and kind = 'fund' and period = ${o.period}::text
        order by id for no key update`,
  );
  const rows = slices.map((s) => ({ id: Number(s.id), balance: Number(s.balance) }));
  const remaining = rows.reduce((sum, s) => sum + s.balance, 0);
  if (remaining < o.amount) return { short: true, remaining };
  const target = rows.reduce((a, b) => (b.balance > a.balance ? b : a));
  let need = o.amount - target.balance;
  for (const s of rows) {
    if (need <= 0) break;
    if (s.id === target.id || s.balance === 0) continue;
    const move = Math.min(s.balance, need);
    const t = await insertTransfer(tx, {
      communityId: o.communityId, kind: 'rebalance', fromAccountId: s.id, toAccountId: target.id, amount: move, createdAt: o.now,
      idempotencyKey: `rebalance:${o.key}:${s.id}`, reason: { rule: 'rebalance', period: o.period, for: o.key }, createdBy: o.actorUserId,
    });
    if (!t) throw new Error(`ledger: rebalance for ${o.key} already exists`);
    await moveBalances(tx, s.id, target.id, move);
    need -= move;
  }
  return { sliceId: target.id };
}
