// Shared by hand-over, cancel, attendance and expiry: moves a pending voucher to its end state exactly once (a
// conditional UPDATE … WHERE status = 'pending' takes the voucher's row lock), settles its hold on the ledger, and
// gives the unit or seat back when asked — all in the caller's transaction. Lock order: voucher, accounts, stock row.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { rewardItems, rewardSessions, rewardVouchers, type VoucherStatus } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import { postHold } from '../points/post-hold';
import { voidHold } from '../points/void-hold';

export type Voucher = typeof rewardVouchers.$inferSelect;

export interface SettleVoucherInput {
  voucherId: number;
  to: Exclude<VoucherStatus, 'pending'>;
  /** post: points to the redemption sink (handed over, forfeited); void: points back to the resident. */
  hold: 'post' | 'void';
  returnUnit: boolean;
  actorUserId: number | null;
  action: string;
  now: Date;
}

/** The settled voucher, or null when it was not pending any more (someone else settled it first). */
export async function settleVoucher(tx: DbOrTx, o: SettleVoucherInput): Promise<Voucher | null> {
  const [v] = await tx
    .update(rewardVouchers)
    .set({ status: o.to, settledAt: o.now, settledBy: o.actorUserId })
    .where(and(eq(rewardVouchers.id, o.voucherId), eq(rewardVouchers.status, 'pending')))
    .returning();
  if (!v) return null;
  const settle = o.hold === 'post' ? postHold : voidHold;
  const moved = await settle(tx, { communityId: v.communityId, holdTransferId: v.holdTransferId, actorUserId: o.actorUserId, note: `voucher:${v.id}:${o.to}`, now: o.now });
  await tx.update(rewardVouchers).set({ settleTransferId: moved.transferId }).where(eq(rewardVouchers.id, v.id));
  if (o.returnUnit) {
    if (v.sessionId) await tx.update(rewardSessions).set({ seatsLeft: sql`${rewardSessions.seatsLeft} + 1` }).where(eq(rewardSessions.id, v.sessionId));
    else await tx.update(rewardItems).set({ stock: sql`${rewardItems.stock} + 1` }).where(eq(rewardItems.id, v.itemId));
  }
  await recordAudit(tx, {
    actorUserId: o.actorUserId, communityId: v.communityId, action: o.action, targetType: 'reward_voucher', targetId: v.id,
    before: { status: 'pending' }, after: { status: o.to, hold: o.hold, transferId: moved.transferId, unitReturned: o.returnUnit },
  });
  return { ...v, settleTransferId: moved.transferId };
}

/** Why a voucher that is not pending cannot be used or cancelled, in the words a resident or clerk reads. */
export function notPendingKey(status: VoucherStatus) {
  switch (status) {
    case 'handed_over':
      return 'rewards.err.alreadyHandedOver' as const;
    case 'cancelled':
      return 'rewards.err.alreadyCancelled' as const;
    case 'expired':
      return 'rewards.err.expired' as const;
    default:
      return 'rewards.err.noShow' as const;
  }
}
