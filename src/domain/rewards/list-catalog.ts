// The resident's 积分超市: their balance, then what they can afford now, then the rest with the points still needed;
// sold-out goods and full sessions stay on the list, marked, so nobody wonders where an item went.
import { and, asc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { pointAccounts, rewardItems, rewardSessions } from '../../db/schema';
import type { RewardItem, RewardSession } from './redeemable';

export interface CatalogEntry {
  item: RewardItem;
  /** Courses: sessions still ahead. */
  sessions: RewardSession[];
  /** No unit or seat left. */
  unavailable: boolean;
  /** Points still needed (0 = affordable). */
  short: number;
}

export interface Catalog {
  balance: number | null;
  affordable: CatalogEntry[];
  others: CatalogEntry[];
}

export async function listCatalog(db: DbOrTx, o: { communityId: number; userId: number | null; now?: Date }): Promise<Catalog> {
  const now = o.now ?? new Date();
  const items = await db
    .select()
    .from(rewardItems)
    .where(and(
      eq(rewardItems.communityId, o.communityId), eq(rewardItems.active, true),
      or(isNull(rewardItems.activeFrom), lte(rewardItems.activeFrom, now)), or(isNull(rewardItems.activeTo), gt(rewardItems.activeTo, now)),
    ))
    .orderBy(asc(rewardItems.price), asc(rewardItems.id));
  const courseIds = items.filter((i) => i.kind === 'course').map((i) => i.id);
  const sessions = courseIds.length
    ? await db.select().from(rewardSessions)
        .where(and(inArray(rewardSessions.itemId, courseIds), eq(rewardSessions.active, true), gt(rewardSessions.startsAt, now)))
        .orderBy(asc(rewardSessions.startsAt))
    : [];
  let balance: number | null = null;
  if (o.userId) {
    const [acct] = await db
      .select({ b: sql<number>`coalesce(sum(${pointAccounts.balance}), 0)` })
      .from(pointAccounts)
      .where(and(eq(pointAccounts.communityId, o.communityId), eq(pointAccounts.ownerUserId, o.userId), eq(pointAccounts.kind, 'resident')));
    balance = Number(acct?.b ?? 0);
  }
  const entries = items.map((item): CatalogEntry => {
    const own = sessions.filter((s) => s.itemId === item.id);
    const unavailable = item.kind === 'goods' ? (item.stock ?? 0) <= 0 : !own.some((s) => s.seatsLeft > 0);
    return { item, sessions: own, unavailable, short: Math.max(0, item.price - (balance ?? 0)) };
  }).filter((e) => e.item.kind === 'goods' || e.sessions.length > 0);
  // Unavailable ones go last within their group: still listed, never first.
  const order = (a: CatalogEntry, b: CatalogEntry) => Number(a.unavailable) - Number(b.unavailable);
  return {
    balance,
    affordable: balance === null ? [] : entries.filter((e) => e.short === 0).sort(order),
    others: entries.filter((e) => balance === null || e.short > 0).sort(order),
  };
}
