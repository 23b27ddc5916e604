// An admin takes a code out of use (poster removed or misused): scans then show "已停用", the scan counts stay.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { qrCodes } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { StaffScope } from '../auth/staff-scope';
import { AppError } from '../errors';
import { managedQrCode } from './managed-qr-code';
import { predecessorCodes } from './predecessor-codes';

export async function disableQrCode(db: Db, input: { actorId: number; scope: StaffScope; id: number; ip?: string }) {
  return db.transaction(async (tx) => {
    const before = await managedQrCode(tx, input.scope, input.id, { forUpdate: true });
    if (before.status !== 'active') throw new AppError('conflict', 'qr.err.notActive');
    const [after] = await tx.update(qrCodes).set({ status: 'disabled', disabledAt: new Date() }).where(eq(qrCodes.id, before.id)).returning();
    await recordAudit(tx, {
      actorUserId: input.actorId,
      communityId: before.communityId,
      action: 'qr.disable',
      targetType: 'qr_code',
      targetId: before.id,
      before: { code: before.code, status: before.status },
      after: { code: after.code, status: after.status },
      ip: input.ip,
    });
    // Codes whose cached scan result is now wrong.
    return { code: after.code, invalidate: [after.code, ...(await predecessorCodes(tx, before.id))] };
  });
}
