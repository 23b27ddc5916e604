// Deletes an unused grid; a grid that places, QR codes or staff scopes still use is refused with the counts.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { grids } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { recordAudit } from '../audit/record-audit';
import { pgCode } from '../communities/managed-community';
import { AppError } from '../errors';
import { gridUsage, inUse, managedGrid } from './managed-grid';

export async function deleteGrid(db: Db, input: { actorId: number; scope: StaffScope; gridId: number; ip?: string }) {
  const { grid, community } = await managedGrid(db, input.scope, input.gridId);
  try {
    await db.transaction(async (tx) => {
      // Checked inside the transaction: a place added a moment ago still counts.
      const usage = await gridUsage(tx, grid.id);
      if (inUse(usage)) throw new AppError('conflict', { key: 'grid.err.inUse', params: usage });
      await tx.delete(grids).where(eq(grids.id, grid.id));
      await recordAudit(tx, { actorUserId: input.actorId, communityId: community.id, action: 'grid.delete', targetType: 'grid', targetId: grid.id, before: grid, ip: input.ip });
    });
  } catch (err) {
    // Tables added later (submissions, teams…) may reference grids too; their foreign keys still refuse, readably.
    if (pgCode(err) === '23503') throw new AppError('conflict', 'adm.err.referenced');
    throw err;
  }
  return { grid, community };
}
