// Grids as CSV: the columns, the import checks (per row, across the file, against the database) and the export rows.
import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { zh } from '../../i18n/messages';
import { grids } from '../../db/schema';
import { parseRow, rowErrorCollector, type ImportSpec } from '../csv/import-spec';
import type { CsvColumn } from '../csv/parse';
import { codePrefixError, gridForm, type GridInput } from './grid-rules';

export const GRID_COLUMNS: readonly CsvColumn[] = [
  { key: 'code', zh: '网格编码', required: true },
  { key: 'name', zh: '网格名称', aliases: ['名称'], required: true },
  { key: 'kind', zh: '类型' },
  { key: 'households', zh: '户数' },
];

export const gridImport: ImportSpec<GridInput> = {
  entity: 'grids',
  columns: GRID_COLUMNS,
  async check(db, community, rows) {
    const { errors, add } = rowErrorCollector(GRID_COLUMNS);
    const ok: GridInput[] = [];
    const firstLine = new Map<string, number>();
    const parsed = rows.map((row) => ({ row, ...parseRow(gridForm, row, add) }));
    const codes = parsed.flatMap((p) => (p.partial.code ? [p.partial.code] : []));
    const taken = new Set(codes.length ? (await db.select({ code: grids.code }).from(grids).where(inArray(grids.code, codes))).map((g) => g.code) : []);
    for (const { row, v, partial } of parsed) {
      const before = errors.length;
      const code = partial.code;
      if (code) {
        const prefix = codePrefixError(code, community.code);
        const dup = firstLine.get(code);
        if (prefix) add(row.line, 'code', prefix);
        else if (dup) add(row.line, 'code', { key: 'csv.err.duplicateInFile', params: { line: dup } });
        else if (taken.has(code)) add(row.line, 'code', { key: 'grid.err.codeTaken' });
        if (!dup) firstLine.set(code, row.line);
      }
      if (v && errors.length === before) ok.push(v);
    }
    return { rows: ok, errors };
  },
  async write(tx, ctx, rows) {
    const values = rows.map((v) => ({ ...v, households: v.households ?? 0, communityId: ctx.community.id }));
    for (let i = 0; i < values.length; i += 1000) await tx.insert(grids).values(values.slice(i, i + 1000));
    return { created: rows.length };
  },
};

export async function gridExportRows(db: DbOrTx, communityId: number) {
  const rows = await db.select().from(grids).where(eq(grids.communityId, communityId)).orderBy(asc(grids.code));
  return rows.map((g) => ({ code: g.code, name: g.name, kind: zh[`grid.kind.${g.kind}`], households: g.households }));
}
