// 取消兑换 before hand-over: the held points go back (same lots, same expiry) and the unit or seat goes back, in one
// transaction. A course seat can be given back only until 24 hours before its session.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { rewardSessions, rewardVouchers } from '../../db/schema';
import { AppError } from '../errors';
import { parseId } from './redeemable';
import { notPendingKey, settleVoucher, type Voucher } from './settle-voucher';

export const COURSE_CANCEL_BEFORE_MS = 24 * 60 * 60 * 1000;

export async function cancelVoucher(db: DbOrTx, input: { userId: number; voucherId: unknown; now?: Date }): Promise<Voucher> {
  const now = input.now ?? new Date();
  const id = parseId(input.voucherId);
  if (!id) throw new AppError('not_found', 'rewards.err.voucherNotFound');
  return db.transaction(async (tx) => {
    const [v] = await tx.select().from(rewardVouchers).where(eq(rewardVouchers.id, id));
    // Another resident's voucher reads as missing.
    if (!v || v.userId !== input.userId) throw new AppError('not_found', 'rewards.err.voucherNotFound');
    if (v.status !== 'pending') throw new AppError('conflict', notPendingKey(v.status));
    if (v.sessionId) {
      const [s] = await tx.select({ startsAt: rewardSessions.startsAt }).from(rewardSessions).where(eq(rewardSessions.id, v.sessionId));
      if (s.startsAt.getTime() - now.getTime() < COURSE_CANCEL_BEFORE_MS) throw new AppError('conflict', 'rewards.err.cancelTooLate');
    } else if (v.validUntil <= now) {
      throw new AppError('conflict', 'rewards.err.expired');
    }
    const done = await settleVoucher(tx, { voucherId: v.id, to: 'cancelled', hold: 'void', returnUnit: true, actorUserId: input.userId, action: 'rewards.cancel', now });
    if (!done) throw new AppError('conflict', 'rewards.err.changedMeanwhile');
    return done;
  });
}
