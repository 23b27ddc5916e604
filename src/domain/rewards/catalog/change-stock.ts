// 补货 / 盘点更正: moves goods stock or course seats by a whole number with a reason, audited with before/after.
// Conditional update: racing redemptions can never be pushed below zero, and seats never below those booked.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { rewardItems, rewardSessions, rewardStockChanges } from '../../../db/schema';
import { recordAudit } from '../../audit/record-audit';
import { AppError, fieldError } from '../../errors';
import { nameRule, requireText } from '../../text/text-rules';
import { parseId } from '../redeemable';
import { wholeNumber } from './fields';

export interface StockChangeInput {
  communityId: number;
  actorUserId: number;
  itemId: unknown;
  /** Courses: the session whose seats change. */
  sessionId?: unknown;
  form: { delta?: string; reason?: string; note?: string };
}

export async function changeStock(db: DbOrTx, o: StockChangeInput): Promise<{ before: number; after: number }> {
  const delta = wholeNumber(o.form.delta, 'delta', { min: -100_000, max: 100_000, key: 'rewards.err.stockChange' })!;
  if (delta === 0) throw fieldError('delta', 'rewards.err.stockChange');
  const reason = o.form.reason === 'correction' ? 'correction' : o.form.reason === 'restock' ? 'restock' : null;
  if (!reason) throw fieldError('reason', 'err.form.invalid');
  // A restock adds; taking units away is a stock-take correction, with its own reason on record.
  if (reason === 'restock' && delta < 0) throw fieldError('delta', 'rewards.err.stockChange');
  const note = requireText(o.form.note ?? '', 'note', nameRule(100, { optional: true }));
  const itemId = parseId(o.itemId);
  if (!itemId) throw new AppError('not_found', 'rewards.err.itemNotFound');
  return db.transaction(async (tx) => {
    const [item] = await tx.select().from(rewardItems).where(and(eq(rewardItems.id, itemId), eq(rewardItems.communityId, o.communityId)));
    if (!item) throw new AppError('not_found', 'rewards.err.itemNotFound');
    let after: number;
    let sessionId: number | null = null;
    if (item.kind === 'goods') {
      const [row] = await tx.update(rewardItems).set({ stock: sql`${rewardItems.stock} + ${delta}` })
        .where(and(eq(rewardItems.id, itemId), sql`${rewardItems.stock} + ${delta} >= 0`)).returning({ stock: rewardItems.stock });
      if (!row) throw fieldError('delta', 'rewards.err.stockBelowZero', { stock: item.stock ?? 0 });
      after = row.stock!;
    } else {
      sessionId = parseId(o.sessionId);
      const [s] = sessionId ? await tx.select().from(rewardSessions).where(and(eq(rewardSessions.id, sessionId), eq(rewardSessions.itemId, itemId))) : [];
      if (!s) throw new AppError('not_found', 'rewards.err.sessionNotFound');
      const [row] = await tx.update(rewardSessions).set({ seats: sql`${rewardSessions.seats} + ${delta}`, seatsLeft: sql`${rewardSessions.seatsLeft} + ${delta}` })
        .where(and(eq(rewardSessions.id, s.id), sql`${rewardSessions.seatsLeft} + ${delta} >= 0`)).returning({ seatsLeft: rewardSessions.seatsLeft });
      if (!row) throw fieldError('delta', 'rewards.err.seatsBelowBooked', { booked: s.seats - s.seatsLeft });
      after = row.seatsLeft;
    }
    const before = after - delta;
    await tx.insert(rewardStockChanges).values({ itemId, sessionId, delta, before, after, reason, note, actorUserId: o.actorUserId });
    await recordAudit(tx, {
      actorUserId: o.actorUserId, communityId: o.communityId, action: `rewards.stock.${reason}`, targetType: sessionId ? 'reward_session' : 'reward_item',
      targetId: sessionId ?? itemId, before: { stock: before }, after: { stock: after, delta, note },
    });
    return { before, after };
  });
}
