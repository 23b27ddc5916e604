// Shared by post-hold and void-hold: finds the hold, locks its accounts and settles it exactly once (post XOR void).
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { pointAccounts, pointTransfers } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import { AppError } from '../errors';
import { ensureAccount, findTransfer, insertTransfer, lockAccounts, moveBalances } from './ledger-sql';
import type { MoveResult } from './hold-points';
import { restoreDraws } from './lots';

export interface SettleInput {
  communityId: number;
  holdTransferId: number;
  actorUserId?: number | null;
  note?: string;
  now?: Date;
}

export async function settleHold(db: DbOrTx, input: SettleInput, how: 'post' | 'void'): Promise<MoveResult> {
  return db.transaction(async (tx) => {
    const hold = await findTransfer(tx, input.holdTransferId);
    if (!hold || hold.communityId !== input.communityId) throw new AppError('not_found', 'points.err.transferNotFound');
    if (hold.kind !== 'hold') throw new AppError('conflict', 'points.err.notHold');
    // post: hold → redemption sink; void: hold → back to the resident.
    const target =
      how === 'post' ? await ensureAccount(tx, { communityId: input.communityId, kind: 'redemption' }) : hold.fromAccountId;
    await lockAccounts(tx, [hold.toAccountId, target]);
    const [settled] = await tx.select().from(pointTransfers).where(eq(pointTransfers.settlesTransferId, hold.id));
    if (settled) {
      if (settled.kind === how) return { transferId: settled.id, amount: settled.amount, replayed: true };
      throw new AppError('conflict', how === 'post' ? 'points.err.holdVoided' : 'points.err.holdPosted');
    }
    const t = await insertTransfer(tx, {
      communityId: input.communityId, kind: how, fromAccountId: hold.toAccountId, toAccountId: target, amount: hold.amount,
      idempotencyKey: `${how}:${hold.id}`, settlesTransferId: hold.id,
      reason: { rule: how, source: (hold.reason as { source?: unknown }).source ?? null, note: input.note ?? null },
      createdBy: input.actorUserId ?? null, createdAt: input.now ?? new Date(),
    });
    if (!t) throw new Error(`ledger: ${how}:${hold.id} exists without settling the hold`);
    await moveBalances(tx, hold.toAccountId, target, hold.amount);
    // A voided hold gives the points back with their original expiry dates, not fresh ones.
    if (how === 'void') await restoreDraws(tx, hold.id);
    const [owner] = await tx.select({ userId: pointAccounts.ownerUserId }).from(pointAccounts).where(eq(pointAccounts.id, hold.fromAccountId));
    await recordAudit(tx, {
      actorUserId: input.actorUserId ?? null, communityId: input.communityId, action: `points.${how}`, targetType: 'point_transfer',
      targetId: t.id, before: { holdTransferId: hold.id }, after: { amount: hold.amount, userId: owner?.userId ?? null, note: input.note ?? null },
    });
    return { transferId: t.id, amount: hold.amount, replayed: false };
  });
}
