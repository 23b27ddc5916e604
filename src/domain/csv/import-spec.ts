// What each importable table (grids, places, staff) tells the generic preview/confirm steps: its columns, its checks, how to write.
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import type { ImportEntity } from '../../db/schema';
import { issueMsg } from '../communities/fields';
import type { CommunityRef } from '../communities/managed-community';
import type { Msg } from '../errors';
import type { CsvColumn, CsvRow } from './parse';

export interface RowError {
  line: number;
  /** Chinese header of the offending column, or '' for the whole row. */
  column: string;
  msg: Msg;
}

export interface Checked<R> {
  rows: R[];
  errors: RowError[];
}

export interface WriteContext {
  community: CommunityRef;
  actorId: number;
  ip?: string;
}

export interface ImportSpec<R, P = void, O = unknown> {
  entity: ImportEntity;
  columns: readonly CsvColumn[];
  /** Validates every row, alone and against the file and the database as it is now; never writes. */
  check(db: DbOrTx, community: CommunityRef, rows: CsvRow[]): Promise<Checked<R>>;
  /** Slow work done before the transaction opens (hashing one-time passwords). */
  prepare?(rows: R[]): Promise<P>;
  /** Writes all rows inside the caller's transaction; returns what the result page shows once (never stored). */
  write(tx: DbOrTx, ctx: WriteContext, rows: R[], prepared: P): Promise<{ created: number; shown?: O }>;
}

/** Helper for checks: zod issues and cross-row findings become row errors with the column's Chinese header. */
export function rowErrorCollector(columns: readonly CsvColumn[]) {
  const errors: RowError[] = [];
  const header = (key: string) => columns.find((c) => c.key === key)?.zh ?? '';
  return {
    errors,
    add: (line: number, key: string, msg: Msg) => void errors.push({ line, column: header(key), msg }),
  };
}

/**
 * One row through the same zod rules the forms use, cell by cell: each failing cell becomes a row error, and the cells
 * that did parse are still returned, so cross-row checks (parents, duplicates) can report on the same row too.
 */
export function parseRow<S extends z.ZodObject>(
  schema: S,
  row: CsvRow,
  add: (line: number, key: string, msg: Msg) => void,
): { v: z.output<S> | null; partial: Partial<z.output<S>> } {
  const partial: Record<string, unknown> = {};
  let ok = true;
  for (const [key, field] of Object.entries(schema.shape) as [string, z.ZodType][]) {
    const r = field.safeParse(row.cells[key] ?? '');
    if (r.success) partial[key] = r.data;
    else {
      ok = false;
      add(row.line, key, issueMsg(r.error.issues[0]));
    }
  }
  return { v: ok ? (partial as z.output<S>) : null, partial: partial as Partial<z.output<S>> };
}
