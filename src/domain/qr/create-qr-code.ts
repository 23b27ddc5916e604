// An admin puts up a new QR code at a place of their community; its grid follows the place.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { places } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { StaffScope } from '../auth/staff-scope';
import { AppError, notFound } from '../errors';
import { adminCommunities } from '../staff/list-staff';
import { insertQrCode } from './insert-qr-code';
import type { QrInput } from './qr-input';

export async function createQrCode(db: Db, input: QrInput & { actorId: number; scope: StaffScope; communityId: number; ip?: string }) {
  if (!adminCommunities(input.scope).includes(input.communityId)) throw notFound();
  return db.transaction(async (tx) => {
    const [place] = await tx
      .select({ id: places.id, gridId: places.gridId })
      .from(places)
      .where(and(eq(places.id, input.placeId), eq(places.communityId, input.communityId)));
    // A place of another community looks exactly like one that does not exist.
    if (!place) throw new AppError('validation', 'err.form.invalid', { placeId: { key: 'qr.err.place' } });
    const row = await insertQrCode(tx, {
      communityId: input.communityId,
      purpose: input.purpose,
      placeId: place.id,
      gridId: place.gridId,
      label: input.label,
    });
    await recordAudit(tx, {
      actorUserId: input.actorId,
      communityId: input.communityId,
      action: 'qr.create',
      targetType: 'qr_code',
      targetId: row.id,
      after: { code: row.code, purpose: row.purpose, placeId: row.placeId, gridId: row.gridId, label: row.label },
      ip: input.ip,
    });
    return row;
  });
}
