// Places of a community for the "new QR code" picker, each labelled with its full path (清波小区 › 1栋 › 1单元).
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { places } from '../../db/schema';

export interface PlaceOption {
  id: number;
  label: string;
}

export async function listQrPlaces(db: DbOrTx, communityId: number): Promise<PlaceOption[]> {
  const rows = await db.select({ id: places.id, parentId: places.parentId, name: places.name }).from(places).where(eq(places.communityId, communityId));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const pathOf = (id: number): string[] => {
    const out: string[] = [];
    // Depth bound: a (corrupt) cycle in parents must not hang the page.
    for (let p = byId.get(id), i = 0; p && i < 8; p = p.parentId ? byId.get(p.parentId) : undefined, i++) out.unshift(p.name);
    return out;
  };
  return rows
    .map((r) => ({ id: r.id, label: pathOf(r.id).join(' › ') }))
    .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN', { numeric: true }));
}
