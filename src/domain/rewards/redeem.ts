// 兑换: one transaction holds the resident's points (ledger hold, soonest-expiring lots first), takes the unit or seat
// with a conditional UPDATE … WHERE stock > 0, and writes the voucher. Any refusal rolls all three back.
import { and, count, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { rewardItems, rewardSessions, rewardVouchers } from '../../db/schema';
import { pgCode } from '../communities/managed-community';
import { AppError } from '../errors';
import { localClock } from '../points/clock';
import { holdPoints } from '../points/hold-points';
import { query } from '../points/ledger-sql';
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
      const code = generateVoucherCode();
      // The ledger hold first: it locks the resident's accounts (ledger order), so this resident's taps, balance and
      // monthly count are serialised while other residents proceed in parallel up to the one stock row.
      const hold = await holdPoints(tx, {
        communityId: input.communityId, userId: input.userId, amount: item.price, idempotencyKey: key, now,
        reason: { type: 'redemption', id: item.id, note: item.name },
      }).catch((err: unknown) => {
        if (err instanceof AppError && err.msg.key === 'points.err.insufficient') {
          const available = Number(err.msg.params?.available ?? 0);
          throw new AppError('conflict', { key: 'rewards.err.notEnough', params: { price: item.price, available, short: item.price - available } });
        }
        throw err;
      });
      if (hold.replayed) {
        const [v] = await tx.select().from(rewardVouchers).where(eq(rewardVouchers.holdTransferId, hold.transferId));
        if (v && v.itemId === item.id) return { voucherId: v.id, code: v.code, replayed: true };
        throw new AppError('conflict', 'points.err.keyReused');
      }
      // Counted under the resident's lock, with this hold's voucher not yet written: limits see every earlier one.
      await checkLimits(tx, input, item, session !== null, now);
      const validUntil = session ? session.endsAt : new Date(now.getTime() + input.validDays * 86_400_000);
      // Last, and one statement: the hot stock row is locked only for this statement and the commit.
      const taken = await takeUnit(tx, { session, itemId: item.id, communityId: input.communityId, userId: input.userId, code, price: item.price, holdId: hold.transferId, validUntil, now });
      if (!taken) throw new AppError('conflict', session ? 'rewards.err.sessionFull' : 'rewards.err.soldOut');
      return { voucherId: taken, code, replayed: false };
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

/** The conditional UPDATE … WHERE stock > 0 (or seats_left > 0) and the voucher insert as one statement; null if none left. */
async function takeUnit(
  tx: DbOrTx,
  o: { session: { id: number } | null; itemId: number; communityId: number; userId: number; code: string; price: number; holdId: number; validUntil: Date; now: Date },
): Promise<number | null> {
  const take = o.session
    ? sql`update ${rewardSessions} set seats_left = seats_left - 1 where id = ${o.session.id} and seats_left > 0 returning id`
    : sql`update ${rewardItems} set stock = stock - 1 where id = ${o.itemId} and stock > 0 returning id`;
  const [row] = await query<{ id: number }>(
    tx,
    sql`with took as (${take})
        insert into ${rewardVouchers} (community_id, item_id, session_id, user_id, code, price, hold_transfer_id, valid_until, created_at)
        select ${o.communityId}::int, ${o.itemId}::int, ${o.session?.id ?? null}::int, ${o.userId}::int, ${o.code}::text, ${o.price}::int,
               ${o.holdId}::bigint, ${o.validUntil.toISOString()}::timestamptz, ${o.now.toISOString()}::timestamptz
        from took returning id`,
  );
  return row ? Number(row.id) : null;
}
