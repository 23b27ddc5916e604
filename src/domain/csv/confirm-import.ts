// Step 2 of an import: re-check the held rows against the database as it is now, then write all of them in one transaction, or none.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { importBatches, type ImportEntity } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { recordAudit } from '../audit/record-audit';
import { managedCommunity, pgCode } from '../communities/managed-community';
import { AppError, notFound } from '../errors';
import type { RowError } from './import-spec';
import type { CsvRow } from './parse';
import { IMPORT_SPECS } from './specs';

export type ConfirmResult =
  | { ok: true; entity: ImportEntity; communityId: number; created: number; already: boolean; shown?: unknown }
  | { ok: false; entity: ImportEntity; communityId: number; errors: RowError[] };

export async function confirmImport(db: Db, input: { actorId: number; scope: StaffScope; batchId: number; ip?: string }): Promise<ConfirmResult> {
  if (!Number.isSafeInteger(input.batchId)) throw notFound();
  const [batch] = await db
    .select()
    .from(importBatches)
    .where(and(eq(importBatches.id, input.batchId), eq(importBatches.actorUserId, input.actorId)))
    .limit(1);
  if (!batch) throw notFound();
  const community = await managedCommunity(db, input.scope, batch.communityId);
  const base = { entity: batch.entity, communityId: community.id };
  // A double tap on "confirm" points at the first result instead of importing twice.
  if (batch.status === 'done') return { ok: true, ...base, created: batch.rowCount, already: true };

  const spec = IMPORT_SPECS[batch.entity];
  const checked = await spec.check(db, community, batch.rows as CsvRow[]);
  if (checked.errors.length) return { ok: false, ...base, errors: checked.errors };
  const prepared = spec.prepare ? await spec.prepare(checked.rows) : undefined;
  try {
    return await db.transaction(async (tx) => {
      // The row lock makes a concurrent second confirm wait, then see "done" and write nothing.
      const [locked] = await tx.select({ status: importBatches.status }).from(importBatches).where(eq(importBatches.id, batch.id)).for('update');
      if (locked.status === 'done') return { ok: true as const, ...base, created: batch.rowCount, already: true };
      const out = await spec.write(tx, { community, actorId: input.actorId, ip: input.ip }, checked.rows, prepared);
      await tx
        .update(importBatches)
        .set({ status: 'done', completedAt: sql`now()`, result: { created: out.created } })
        .where(eq(importBatches.id, batch.id));
      await recordAudit(tx, {
        actorUserId: input.actorId,
        communityId: community.id,
        action: `import.${batch.entity}`,
        targetType: 'import_batch',
        targetId: batch.id,
        after: { fileName: batch.fileName, rows: batch.rowCount, created: out.created },
        ip: input.ip,
      });
      return { ok: true as const, ...base, created: out.created, already: false, shown: out.shown };
    });
  } catch (err) {
    // Someone added a clashing code between our check and our write: nothing was written, say so.
    if (pgCode(err) === '23505' || pgCode(err) === '23503') throw new AppError('conflict', 'csv.err.changed');
    throw err;
  }
}
