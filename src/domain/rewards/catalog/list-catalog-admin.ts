// The catalog admin's list and one item's page: every item (withdrawn ones too), sessions with bookings, stock history.
import { and, asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { rewardItems, rewardSessions, rewardStockChanges, users } from '../../../db/schema';
import { AppError } from '../../errors';
import { parseId, type RewardItem, type RewardSession } from '../redeemable';

export const listCatalogItems = (db: DbOrTx, communityId: number): Promise<RewardItem[]> =>
  db.select().from(rewardItems).where(eq(rewardItems.communityId, communityId)).orderBy(desc(rewardItems.active), asc(rewardItems.kind), asc(rewardItems.id));

export interface CatalogItemPage {
  item: RewardItem;
  sessions: RewardSession[];
  history: { at: Date; delta: number; before: number; after: number; reason: string; note: string; by: string | null; sessionId: number | null }[];
}

export async function getCatalogItem(db: DbOrTx, communityId: number, rawId: unknown): Promise<CatalogItemPage> {
  const id = parseId(rawId);
  const [item] = id ? await db.select().from(rewardItems).where(and(eq(rewardItems.id, id), eq(rewardItems.communityId, communityId))) : [];
  if (!item) throw new AppError('not_found', 'rewards.err.itemNotFound');
  const sessions = await db.select().from(rewardSessions).where(eq(rewardSessions.itemId, item.id)).orderBy(asc(rewardSessions.startsAt));
  const history = await db
    .select({ at: rewardStockChanges.createdAt, delta: rewardStockChanges.delta, before: rewardStockChanges.before, after: rewardStockChanges.after,
      reason: rewardStockChanges.reason, note: rewardStockChanges.note, by: users.displayName, sessionId: rewardStockChanges.sessionId })
    .from(rewardStockChanges)
    .leftJoin(users, eq(users.id, rewardStockChanges.actorUserId))
    .where(eq(rewardStockChanges.itemId, item.id))
    .orderBy(desc(rewardStockChanges.id))
    .limit(50);
  return { item, sessions, history };
}
