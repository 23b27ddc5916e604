// One grid with its places, for staff whose scope covers it; anything else reads as "not found".
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { grids, places } from '../../db/schema';
import { coversGrid, type StaffScope } from '../auth/staff-scope';
import { notFound } from '../errors';

export async function getGridForStaff(db: DbOrTx, scope: StaffScope, gridId: number) {
  const [grid] = await db.select().from(grids).where(eq(grids.id, gridId)).limit(1);
  if (!grid || !coversGrid(scope, grid)) throw notFound();
  const gridPlaces = await db.select().from(places).where(eq(places.gridId, grid.id)).orderBy(asc(places.id));
  return { grid, places: gridPlaces.filter((p) => p.kind !== 'unit'), unitCount: gridPlaces.filter((p) => p.kind === 'unit').length };
}
