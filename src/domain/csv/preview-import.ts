// Step 1 of an import: decode, parse and check an upload without writing any of its rows; a clean file is held for confirmation.
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { importBatches, type ImportEntity } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { managedCommunity } from '../communities/managed-community';
import { decodeCsv, type CsvEncoding } from './decode';
import type { RowError } from './import-spec';
import { parseCsv, type CsvRow } from './parse';
import { IMPORT_SPECS } from './specs';

export interface Preview {
  entity: ImportEntity;
  communityId: number;
  fileName: string;
  encoding: CsvEncoding;
  total: number;
  ignoredColumns: string[];
  errors: RowError[];
  /** The first rows as read, so people can see the columns landed where they meant. */
  sample: CsvRow[];
  /** Set only when every row passed: the held batch to confirm. */
  batchId: number | null;
}

export async function previewImport(
  db: Db,
  input: { actorId: number; scope: StaffScope; communityId: number; entity: ImportEntity; fileName: string; bytes: Uint8Array },
): Promise<Preview> {
  const community = await managedCommunity(db, input.scope, input.communityId);
  const spec = IMPORT_SPECS[input.entity];
  const { text, encoding } = decodeCsv(input.bytes);
  const { rows, ignored } = parseCsv(text, spec.columns);
  const { errors } = await spec.check(db, community, rows);
  const fileName = input.fileName.replace(/[\u0000-\u001f\u202a-\u202e\u2066-\u2069]/g, '').slice(0, 120);
  let batchId: number | null = null;
  if (errors.length === 0) {
    const [batch] = await db
      .insert(importBatches)
      .values({ communityId: community.id, actorUserId: input.actorId, entity: input.entity, fileName, rows, rowCount: rows.length })
      .returning({ id: importBatches.id });
    batchId = batch.id;
    // Unconfirmed uploads are not worth keeping: a day later they are gone.
    await db.delete(importBatches).where(and(eq(importBatches.status, 'pending'), lt(importBatches.createdAt, sql`now() - interval '1 day'`)));
  }
  return { entity: input.entity, communityId: community.id, fileName, encoding, total: rows.length, ignoredColumns: ignored, errors, sample: rows.slice(0, 10), batchId };
}
