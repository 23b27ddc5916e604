// Places as CSV: columns, import checks (tree rule, parents in the file or the database, grids of the community) and the write.
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { grids, places } from '../../db/schema';
import { zh as placesZh } from '../../i18n/areas/places';
import { parseRow, rowErrorCollector, type ImportSpec } from '../csv/import-spec';
import type { CsvColumn } from '../csv/parse';
import { parentAllowed, placeCsvRow, type PlaceInput, type PlaceKind } from './place-rules';

export const PLACE_COLUMNS: readonly CsvColumn[] = [
  { key: 'key', zh: '地点编号', aliases: ['编号'], required: true },
  { key: 'name', zh: '名称', aliases: ['地点名称'], required: true },
  { key: 'kind', zh: '类型', required: true },
  { key: 'parent', zh: '上级编号' },
  { key: 'grid', zh: '网格编码' },
  { key: 'floors', zh: '楼层', aliases: ['层数'] },
  { key: 'units', zh: '单元数' },
];

export interface PlaceRow extends PlaceInput {
  gridId: number | null;
}

export const placeImport: ImportSpec<PlaceRow> = {
  entity: 'places',
  columns: PLACE_COLUMNS,
  async check(db, community, rows) {
    const { errors, add } = rowErrorCollector(PLACE_COLUMNS);
    const parsed = rows.map((row) => ({ line: row.line, ...parseRow(placeCsvRow, row, add) }));
    const keys = [...new Set(parsed.flatMap((p) => [p.partial.key, p.partial.parent]).filter((k): k is string => Boolean(k)))];
    const [known, gridRows] = await Promise.all([
      keys.length
        ? db.select({ key: places.key, kind: places.kind }).from(places).where(and(eq(places.communityId, community.id), inArray(places.key, keys)))
        : [],
      db.select({ id: grids.id, code: grids.code }).from(grids).where(eq(grids.communityId, community.id)),
    ]);
    const inDb = new Map(known.map((k) => [k.key!, k.kind]));
    const gridId = new Map(gridRows.map((g) => [g.code, g.id]));
    const inFile = new Map<string, { line: number; kind?: PlaceKind }>();
    for (const p of parsed) if (p.partial.key && !inFile.has(p.partial.key)) inFile.set(p.partial.key, { line: p.line, kind: p.partial.kind });

    const ok: PlaceRow[] = [];
    for (const { line, v, partial } of parsed) {
      const before = errors.length;
      const { key, kind, parent, grid } = partial;
      if (key) {
        const first = inFile.get(key)!;
        if (first.line !== line) add(line, 'key', { key: 'csv.err.duplicateInFile', params: { line: first.line } });
        else if (inDb.has(key)) add(line, 'key', { key: 'place.err.keyTaken' });
      }
      if (parent !== undefined) {
        const parentKind = parent ? (inFile.has(parent) ? inFile.get(parent)!.kind : inDb.get(parent)) : null;
        if (parent && (!(inFile.has(parent) || inDb.has(parent)) || parent === key)) add(line, 'parent', { key: 'place.err.parentUnknown' });
        else if (kind && parentKind !== undefined && !parentAllowed(kind, parentKind)) add(line, 'parent', { key: 'place.err.parentKind' });
      }
      if (grid && !gridId.has(grid)) add(line, 'grid', { key: 'place.err.gridUnknown' });
      if (v && errors.length === before) ok.push({ ...v, gridId: v.grid ? gridId.get(v.grid)! : null });
    }
    return { rows: ok, errors };
  },
  async write(tx, ctx, rows) {
    const communityId = ctx.community.id;
    const fileKeys = new Set(rows.map((r) => r.key));
    const outside = [...new Set(rows.map((r) => r.parent).filter((k) => k && !fileKeys.has(k)))];
    const ids = new Map<string, number>();
    if (outside.length) {
      const found = await tx.select({ id: places.id, key: places.key }).from(places).where(and(eq(places.communityId, communityId), inArray(places.key, outside)));
      for (const f of found) ids.set(f.key!, f.id);
    }
    // Level by level: a row is written once its parent has an id. The tree rule guarantees this ends.
    let pending = rows;
    while (pending.length) {
      const ready = pending.filter((r) => !r.parent || ids.has(r.parent));
      if (!ready.length) throw new Error('place import: unresolved parents after check');
      for (let i = 0; i < ready.length; i += 1000) {
        const values = ready.slice(i, i + 1000).map((r) => ({
          communityId, key: r.key, name: r.name, kind: r.kind, parentId: r.parent ? ids.get(r.parent)! : null, gridId: r.gridId, floors: r.floors, units: r.units,
        }));
        const out = await tx.insert(places).values(values).returning({ id: places.id, key: places.key });
        for (const o of out) ids.set(o.key!, o.id);
      }
      pending = pending.filter((r) => !ids.has(r.key));
    }
    return { created: rows.length };
  },
};

/** Export rows in tree order (courtyards, then buildings, units…), each naming its parent by key. */
export async function placeExportRows(db: DbOrTx, communityId: number) {
  const rows = await db
    .select({ id: places.id, key: places.key, name: places.name, kind: places.kind, parentId: places.parentId, gridId: places.gridId, floors: places.floors, units: places.units })
    .from(places)
    .where(eq(places.communityId, communityId));
  const gridRows = await db.select({ id: grids.id, code: grids.code }).from(grids).where(eq(grids.communityId, communityId));
  const keyOf = new Map(rows.map((r) => [r.id, r.key ?? `p${r.id}`]));
  const codeOf = new Map(gridRows.map((g) => [g.id, g.code]));
  const rank = (k: PlaceKind) => ['courtyard', 'building', 'unit', 'checkpoint', 'counter', 'other'].indexOf(k);
  return rows
    .sort((a, b) => rank(a.kind) - rank(b.kind) || a.id - b.id)
    .map((r) => ({
      key: keyOf.get(r.id)!, name: r.name, kind: placesZh[`place.kind.${r.kind}`],
      parent: r.parentId ? keyOf.get(r.parentId) : '', grid: r.gridId ? codeOf.get(r.gridId) : '', floors: r.floors, units: r.units,
    }));
}
