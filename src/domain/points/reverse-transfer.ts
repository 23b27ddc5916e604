// Undoes an award with a new, opposite transfer (nothing is edited): resident → the fund it came from, with a reason, audited.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { pointLots } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import { AppError } from '../errors';
import type { MoveResult } from './hold-points';
import { findTransfer, findTransferByKey, insertTransfer, lockAccounts, moveBalances } from './ledger-sql';
import { availablePoints, drawLots } from './lots';

export interface ReverseInput {
  communityId: number;
  transferId: number;
  actorUserId: number;
  /** Required: the resident sees why points were taken back. */
  reason: string;
  now?: Date;
}

export const reversalKey = (transferId: number) => `reverse:${transferId}`;

export async function reverseTransfer(db: DbOrTx, input: ReverseInput): Promise<MoveResult> {
  const note = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (note.length < 1 || note.length > 500) throw new AppError('validation', 'points.err.reasonRequired', { reason: { key: 'points.err.reasonRequired' } });
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const original = await findTransfer(tx, input.transferId);
    if (!original || original.communityId !== input.communityId) throw new AppError('not_found', 'points.err.transferNotFound');
    // Holds are undone by voiding them, expiry and budget by policy not at all; only awards are reversed here.
    if (original.kind !== 'award') throw new AppError('conflict', 'points.err.notReversible');
    const residentId = original.toAccountId;
    await lockAccounts(tx, [residentId, original.fromAccountId]);
    const existing = await findTransferByKey(tx, reversalKey(original.id));
    if (existing) return { transferId: existing.id, amount: existing.amount, replayed: true };
    const available = await availablePoints(tx, residentId, now);
    if (available < original.amount) {
      throw new AppError('conflict', { key: 'points.err.alreadySpent', params: { amount: original.amount, available } });
    }
    const t = await insertTransfer(tx, {
      communityId: original.communityId, kind: 'reversal', fromAccountId: residentId, toAccountId: original.fromAccountId,
      amount: original.amount, idempotencyKey: reversalKey(original.id), settlesTransferId: original.id,
      reason: { rule: 'reversal', reversesTransferId: original.id, original: original.reason, note, approverUserId: input.actorUserId },
      createdBy: input.actorUserId, createdAt: now,
    });
    if (!t) throw new AppError('conflict', 'points.err.alreadyReversed');
    await moveBalances(tx, residentId, original.fromAccountId, original.amount);
    // Take back the award's own lot first, so the resident's other points keep their expiry dates.
    const [lot] = await tx.select({ id: pointLots.id }).from(pointLots).where(eq(pointLots.transferId, original.id));
    const drawn = await drawLots(tx, { accountId: residentId, transferId: t.id, amount: original.amount, now, preferLotId: lot?.id });
    if (drawn !== original.amount) throw new Error(`ledger: reversal ${t.id} drew ${drawn} of ${original.amount}`);
    await recordAudit(tx, {
      actorUserId: input.actorUserId, communityId: original.communityId, action: 'points.reverse', targetType: 'point_transfer',
      targetId: original.id, before: { transferId: original.id, amount: original.amount, reason: original.reason },
      after: { reversalTransferId: t.id, note },
    });
    return { transferId: t.id, amount: original.amount, replayed: false };
  });
}
