// Redemption phase one: reserves a resident's points (resident → their hold account), drawing on the soonest-expiring lots.
// Call it inside the redemption's transaction so the seat/stock UPDATE … WHERE stock > 0 and the hold commit together.
import type { DbOrTx } from '../../db/client';
import { recordAudit } from '../audit/record-audit';
import { AppError } from '../errors';
import { parsePointsAmount } from './amount';
import { ensureAccount, findTransferByKey, insertTransfer, lockAccounts, moveBalances } from './ledger-sql';
import { availablePoints, drawLots } from './lots';

export interface HoldInput {
  communityId: number;
  userId: number;
  amount: unknown;
  /** e.g. `hold:redemption:42`: a retried request returns the same hold. */
  idempotencyKey: string;
  /** What the points are held for, shown on the resident's ledger. */
  reason: { type: string; id?: string | number; note?: string };
  actorUserId?: number | null;
  now?: Date;
}

export interface MoveResult {
  transferId: number;
  amount: number;
  replayed: boolean;
}

export async function holdPoints(db: DbOrTx, input: HoldInput): Promise<MoveResult> {
  const amount = parsePointsAmount(input.amount);
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const residentId = await ensureAccount(tx, { communityId: input.communityId, kind: 'resident', ownerUserId: input.userId });
    const holdId = await ensureAccount(tx, { communityId: input.communityId, kind: 'hold', ownerUserId: input.userId });
    await lockAccounts(tx, [residentId, holdId]);
    const existing = await findTransferByKey(tx, input.idempotencyKey);
    if (existing) {
      if (existing.kind !== 'hold' || existing.fromAccountId !== residentId || existing.amount !== amount) throw new AppError('conflict', 'points.err.keyReused');
      return { transferId: existing.id, amount, replayed: true };
    }
    const available = await availablePoints(tx, residentId, now);
    if (available < amount) throw new AppError('conflict', { key: 'points.err.insufficient', params: { available, amount } });
    const t = await insertTransfer(tx, {
      communityId: input.communityId, kind: 'hold', fromAccountId: residentId, toAccountId: holdId, amount,
      idempotencyKey: input.idempotencyKey, reason: { rule: 'hold', source: input.reason }, createdBy: input.actorUserId ?? input.userId, createdAt: now,
    });
    if (!t) throw new AppError('conflict', 'points.err.keyReused');
    await moveBalances(tx, residentId, holdId, amount);
    const drawn = await drawLots(tx, { accountId: residentId, transferId: t.id, amount, now });
    if (drawn !== amount) throw new Error(`ledger: hold ${t.id} drew ${drawn} of ${amount}`);
    await recordAudit(tx, {
      actorUserId: input.actorUserId ?? input.userId, communityId: input.communityId, action: 'points.hold',
      targetType: 'point_transfer', targetId: t.id, after: { amount, source: input.reason },
    });
    return { transferId: t.id, amount, replayed: false };
  });
}
