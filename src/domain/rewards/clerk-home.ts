// The counter's home: today's hand-overs (local day), stock of the goods on offer with low stock first, and the
// coming course sessions (links to their attendance lists).
import { and, asc, desc, eq, gte, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { rewardItems, rewardSessions, rewardVouchers, users } from '../../db/schema';
import { localClock } from '../points/clock';
import { maskResident } from './mask-resident';

/** At or below this many units an item is listed as low stock. */
export const LOW_STOCK = 5;

export interface ClerkHome {
  today: { id: number; itemName: string; resident: string; at: Date }[];
  stock: { id: number; name: string; stock: number; low: boolean; active: boolean }[];
  sessions: { id: number; itemName: string; startsAt: Date; place: string; seats: number; seatsLeft: number }[];
}

export async function clerkHome(db: DbOrTx, o: { communityId: number; timeZone: string; now?: Date }): Promise<ClerkHome> {
  const now = o.now ?? new Date();
  const day = localClock(now, o.timeZone);
  const today = await db
    .select({ id: rewardVouchers.id, itemName: rewardItems.name, displayName: users.displayName, phone: users.phone, at: rewardVouchers.settledAt })
    .from(rewardVouchers)
    .innerJoin(rewardItems, eq(rewardItems.id, rewardVouchers.itemId))
    .innerJoin(users, eq(users.id, rewardVouchers.userId))
    .where(and(eq(rewardVouchers.communityId, o.communityId), eq(rewardVouchers.status, 'handed_over'), gte(rewardVouchers.settledAt, day.dayStart), lt(rewardVouchers.settledAt, day.dayEnd)))
    .orderBy(desc(rewardVouchers.settledAt))
    .limit(200);
  const goods = await db
    .select({ id: rewardItems.id, name: rewardItems.name, stock: rewardItems.stock, active: rewardItems.active })
    .from(rewardItems)
    .where(and(eq(rewardItems.communityId, o.communityId), eq(rewardItems.kind, 'goods')))
    .orderBy(asc(rewardItems.stock), asc(rewardItems.id));
  const sessions = await db
    .select({ id: rewardSessions.id, itemName: rewardItems.name, startsAt: rewardSessions.startsAt, place: rewardSessions.place, seats: rewardSessions.seats, seatsLeft: rewardSessions.seatsLeft })
    .from(rewardSessions)
    .innerJoin(rewardItems, eq(rewardItems.id, rewardSessions.itemId))
    .where(and(eq(rewardItems.communityId, o.communityId), gte(rewardSessions.endsAt, day.dayStart)))
    .orderBy(asc(rewardSessions.startsAt))
    .limit(50);
  return {
    today: today.map((r) => ({ id: r.id, itemName: r.itemName, resident: maskResident(r.displayName, r.phone), at: r.at! })),
    stock: goods.map((g) => ({ id: g.id, name: g.name, stock: g.stock ?? 0, active: g.active, low: g.active && (g.stock ?? 0) <= LOW_STOCK })),
    sessions,
  };
}
