// 兑换: one transaction holds the resident's points (ledger hold, soonest-expiring lots first), takes the unit or seat
// with a conditional UPDATE … WHERE stock > 0, and writes the voucher. Any refusal rolls all three back.
import { and, count, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { rewardItems, rewardSessions, rewardVouchers } from '../../db/schema';
import { pgCode } from '../communities/managed-community';
import { AppError } from '../errors';
import { localClock } from '../points/clock';
import { holdPoints } from '../points/hold-points';
import { ensureAccount, findTransferByKey, lockAccounts } from '../points/ledger-sql';
import { availablePoints } from '../points/lots';
import { courseRules } from './course-rules';
import { loadRedeemable } from './redeemable';
import { generateVoucherCode } from './voucher-code';

export interface RedeemInput {
  communityId: number;
  userId: number;
  itemId: unknown;
  sessionId?: unknown;
  /** A random key from the confirmation form: a double tap or a retried post returns the same voucher. */
  requestKey?: unknown;
  validDays: number;
  timeZone: string;
  now?: Date;
}

export interface RedeemResult {
  voucherId: number;
  code: string;
  replayed: boolean;
}

const REQUEST_KEY = /^[A-Za-z0-9_-]{8,64}$/;

export async function redeem(db: DbOrTx, input: RedeemInput): Promise<RedeemResult> {
  const now = input.now ?? new Date();
  const requestKey = typeof input.requestKey === 'string' && REQUEST_KEY.test(input.requestKey) ? input.requestKey : generateVoucherCode() + now.getTime();
  const key = `hold:redemption:${input.userId}:${requestKey}`;
  // Refuse what is plainly impossible before taking any lock (re-checked below where it matters).
  const { item, session } = await loadRedeemable(db, { communityId: input.communityId, itemId: input.itemId, sessionId: input.sessionId, now });
  try {
    return await db.transaction(async (tx) => {
      // The resident's own lock first (ledger order: resident, hold): their taps and their monthly count are serialised,
      // while other residents proceed in parallel up to the one stock row.
      const residentId = await ensureAccount(tx, { communityId: input.communityId, kind: 'resident', ownerUserId: input.userId });
      const holdAcct = await ensureAccount(tx, { communityId: input.communityId, kind: 'hold', ownerUserId: input.userId });
      await lockAccounts(tx, [residentId, holdAcct]);
      const existing = await findTransferByKey(tx, key);
      if (existing) {
        const [v] = await tx.select().from(rewardVouchers).where(eq(rewardVouchers.holdTransferId, existing.id));
        if (v && v.itemId === item.id) return { voucherId: v.id, code: v.code, replayed: true };
        throw new AppError('conflict', 'points.err.keyReused');
      }
      await checkLimits(tx, input, item, session !== null, now);
      const available = await availablePoints(tx, residentId, now);
      if (available < item.price) throw new AppError('conflict', { key: 'rewards.err.notEnough', params: { price: item.price, available, short: item.price - available } });
      const code = generateVoucherCode();
      const hold = await holdPoints(tx, {
        communityId: input.communityId, userId: input.userId, amount: item.price, idempotencyKey: key, now,
        reason: { type: 'redemption', id: item.id, note: item.name },
      });
      // Last, so the hot row is locked only for this update, the voucher insert and the commit.
      const taken = session
        ? await tx.update(rewardSessions).set({ seatsLeft: sql`${rewardSessions.seatsLeft} - 1` })
            .where(and(eq(rewardSessions.id, session.id), sql`${rewardSessions.seatsLeft} > 0`)).returning({ id: rewardSessions.id })
        : await tx.update(rewardItems).set({ stock: sql`${rewardItems.stock} - 1` })
            .where(and(eq(rewardItems.id, item.id), sql`${rewardItems.stock} > 0`)).returning({ id: rewardItems.id });
      if (!taken.length) throw new AppError('conflict', session ? 'rewards.err.sessionFull' : 'rewards.err.soldOut');
      const validUntil = session ? session.endsAt : new Date(now.getTime() + input.validDays * 86_400_000);
      const [v] = await tx
        .insert(rewardVouchers)
        .values({ communityId: input.communityId, itemId: item.id, sessionId: session?.id ?? null, userId: input.userId, code, price: item.price, holdTransferId: hold.transferId, validUntil, createdAt: now })
        .returning({ id: rewardVouchers.id });
      return { voucherId: v.id, code, replayed: false };
    });
  } catch (err) {
    // The database's backstop for one seat per course (a racing booking of another session of the same course).
    if (pgCode(err) === '23505' && String((err as { cause?: { constraint_name?: string } }).cause?.constraint_name ?? err).includes('one_seat')) {
      throw new AppError('conflict', 'rewards.err.oneSeat');
    }
    throw err;
  }
}

async function checkLimits(tx: DbOrTx, input: RedeemInput, item: { id: number; monthlyLimit: number | null }, course: boolean, now: Date) {
  const mine = and(eq(rewardVouchers.userId, input.userId), eq(rewardVouchers.itemId, item.id), inArray(rewardVouchers.status, ['pending', 'handed_over']));
  if (course) {
    const [seat] = await tx.select({ n: count() }).from(rewardVouchers).where(mine);
    if (seat.n > 0) throw new AppError('conflict', 'rewards.err.oneSeat');
    const rules = await courseRules(tx, input.communityId, now, input.timeZone);
    const [ns] = await tx.select({ n: count() }).from(rewardVouchers)
      .where(and(eq(rewardVouchers.userId, input.userId), eq(rewardVouchers.communityId, input.communityId), eq(rewardVouchers.status, 'no_show')));
    if (rules.maxNoShows > 0 && ns.n >= rules.maxNoShows) throw new AppError('conflict', { key: 'rewards.err.noShowBlock', params: { n: ns.n } });
    return;
  }
  if (item.monthlyLimit === null) return;
  const c = localClock(now, input.timeZone);
  const [m] = await tx.select({ n: count() }).from(rewardVouchers)
    .where(and(mine, gte(rewardVouchers.createdAt, c.monthStart), lt(rewardVouchers.createdAt, c.monthEnd)));
  if (m.n >= item.monthlyLimit) throw new AppError('conflict', { key: 'rewards.err.monthlyLimit', params: { limit: item.monthlyLimit } });
}
