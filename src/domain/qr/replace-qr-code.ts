// A new code for the same spot (poster damaged, code leaked): the old one is marked replaced and its scans point to the new one.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { qrCodes } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { StaffScope } from '../auth/staff-scope';
import { AppError } from '../errors';
import { insertQrCode } from './insert-qr-code';
import { managedQrCode } from './managed-qr-code';
import { predecessorCodes } from './predecessor-codes';

export async function replaceQrCode(db: Db, input: { actorId: number; scope: StaffScope; id: number; ip?: string }) {
  return db.transaction(async (tx) => {
    const old = await managedQrCode(tx, input.scope, input.id, { forUpdate: true });
    // A disabled code may come back as a new poster; a replaced one already has its successor.
    if (old.status === 'replaced') throw new AppError('conflict', 'qr.err.alreadyReplaced');
    // The stable key (e.g. "cy1-b1-lobby") moves to the successor, so imports keep finding the code in use.
    if (old.key) await tx.update(qrCodes).set({ key: null }).where(eq(qrCodes.id, old.id));
    const next = await insertQrCode(tx, {
      communityId: old.communityId,
      purpose: old.purpose,
      placeId: old.placeId,
      gridId: old.gridId,
      label: old.label,
      key: old.key,
    });
    await tx
      .update(qrCodes)
      .set({ status: 'replaced', replacedById: next.id, disabledAt: old.disabledAt ?? new Date() })
      .where(eq(qrCodes.id, old.id));
    await recordAudit(tx, {
      actorUserId: input.actorId,
      communityId: old.communityId,
      action: 'qr.replace',
      targetType: 'qr_code',
      targetId: old.id,
      before: { code: old.code, status: old.status },
      after: { code: old.code, status: 'replaced', replacedById: next.id, newCode: next.code },
      ip: input.ip,
    });
    return { oldCode: old.code, newCode: next.code, newId: next.id, invalidate: [old.code, next.code, ...(await predecessorCodes(tx, old.id))] };
  });
}
