// The item (and course session) a resident asks for, checked before anything is held: exists in the community, on
// offer now, the session still ahead. Shared by the confirmation page and redeem, so both refuse alike.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { rewardItems, rewardSessions } from '../../db/schema';
import { AppError } from '../errors';

export type RewardItem = typeof rewardItems.$inferSelect;
export type RewardSession = typeof rewardSessions.$inferSelect;

/** Ids from URLs and forms: digits only, else "not found" (never a 500 from a cast). */
export function parseId(raw: unknown): number | null {
  const s = typeof raw === 'number' ? String(raw) : raw;
  return typeof s === 'string' && /^[1-9]\d{0,8}$/.test(s) ? Number(s) : null;
}

export const onOffer = (item: RewardItem, now: Date) =>
  item.active && (!item.activeFrom || item.activeFrom <= now) && (!item.activeTo || item.activeTo > now);

export async function loadRedeemable(
  db: DbOrTx,
  o: { communityId: number; itemId: unknown; sessionId?: unknown; now: Date },
): Promise<{ item: RewardItem; session: RewardSession | null }> {
  const itemId = parseId(o.itemId);
  if (!itemId) throw new AppError('not_found', 'rewards.err.itemNotFound');
  const [item] = await db.select().from(rewardItems).where(and(eq(rewardItems.id, itemId), eq(rewardItems.communityId, o.communityId)));
  if (!item) throw new AppError('not_found', 'rewards.err.itemNotFound');
  if (!onOffer(item, o.now)) throw new AppError('conflict', 'rewards.err.notOnOffer');
  if (item.kind === 'goods') {
    if ((item.stock ?? 0) <= 0) throw new AppError('conflict', 'rewards.err.soldOut');
    return { item, session: null };
  }
  const sessionId = parseId(o.sessionId);
  if (!sessionId) throw new AppError('validation', 'rewards.err.pickSession', { sessionId: { key: 'rewards.err.pickSession' } });
  const [session] = await db.select().from(rewardSessions).where(and(eq(rewardSessions.id, sessionId), eq(rewardSessions.itemId, item.id)));
  if (!session || !session.active) throw new AppError('not_found', 'rewards.err.sessionNotFound');
  if (session.startsAt <= o.now) throw new AppError('conflict', 'rewards.err.sessionPast');
  if (session.seatsLeft <= 0) throw new AppError('conflict', 'rewards.err.sessionFull');
  return { item, session };
}
