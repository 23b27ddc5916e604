// One QR code an admin may manage: it belongs to one of their communities, else it reads as "not found".
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { qrCodes } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { notFound } from '../errors';
import { adminCommunities } from '../staff/list-staff';

export type QrCodeRow = typeof qrCodes.$inferSelect;

export async function managedQrCode(db: DbOrTx, scope: StaffScope, id: number, opts: { forUpdate?: boolean } = {}): Promise<QrCodeRow> {
  const communityIds = adminCommunities(scope);
  if (!Number.isSafeInteger(id) || id < 1 || communityIds.length === 0) throw notFound();
  const query = db
    .select()
    .from(qrCodes)
    .where(and(eq(qrCodes.id, id), inArray(qrCodes.communityId, communityIds)))
    .limit(1);
  // Row lock: two admins disabling/replacing the same code at once must not both succeed.
  const [row] = opts.forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound();
  return row;
}
