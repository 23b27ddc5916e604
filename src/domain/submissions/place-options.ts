// Pure: a community's places as form options ("清波小区 › 1栋 › 1单元"), and the grid an item at a place belongs to.
export interface PlaceRow {
  id: number;
  parentId: number | null;
  name: string;
  gridId: number | null;
}

export interface PlaceOption {
  id: number;
  label: string;
  /** The place's own grid, else the nearest ancestor's (a unit inherits its building's grid). */
  gridId: number | null;
}

/** The tree is a few levels deep; the hop bound only guards against a cycle in bad data. */
const MAX_DEPTH = 8;

export function placeOptions(rows: readonly PlaceRow[]): PlaceOption[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const chain = (row: PlaceRow) => {
    const out: PlaceRow[] = [];
    for (let p: PlaceRow | undefined = row; p && out.length < MAX_DEPTH; p = p.parentId === null ? undefined : byId.get(p.parentId)) out.unshift(p);
    return out;
  };
  return rows
    .map((row) => {
      const path = chain(row);
      const gridId = [...path].reverse().find((p) => p.gridId !== null)?.gridId ?? null;
      return { id: row.id, label: path.map((p) => p.name).join(' › '), gridId };
    })
    .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN', { numeric: true }));
}
