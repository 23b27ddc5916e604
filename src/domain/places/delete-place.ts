// Deletes an unused place; one with sub-places, QR codes, a grid's courtyard role or residents is refused with the counts.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { places } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { recordAudit } from '../audit/record-audit';
import { pgCode } from '../communities/managed-community';
import { AppError } from '../errors';
import { inUse } from '../grids/managed-grid';
import { managedPlace, placeUsage } from './managed-place';

export async function deletePlace(db: Db, input: { actorId: number; scope: StaffScope; placeId: number; ip?: string }) {
  const { place, community } = await managedPlace(db, input.scope, input.placeId);
  try {
    await db.transaction(async (tx) => {
      const usage = await placeUsage(tx, place.id);
      if (inUse(usage)) throw new AppError('conflict', { key: 'place.err.inUse', params: usage });
      await tx.delete(places).where(eq(places.id, place.id));
      await recordAudit(tx, { actorUserId: input.actorId, communityId: community.id, action: 'place.delete', targetType: 'place', targetId: place.id, before: place, ip: input.ip });
    });
  } catch (err) {
    if (pgCode(err) === '23503') throw new AppError('conflict', 'adm.err.referenced');
    throw err;
  }
  return { place, community };
}
