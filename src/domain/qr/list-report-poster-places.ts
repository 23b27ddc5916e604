// Where a community's 民情收集 posters hang, for the "how to report" page: place names grouped by courtyard (or the
// code's label when it has no place). Never the codes themselves: a resident still has to be there to scan one.
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { qrCodes } from '../../db/schema';
import { p0, p1, p2, p3, placeJoins, placePath, placePathColumns } from './place-path';

export interface PosterArea {
  area: string;
  spots: string[];
}

export async function listReportPosterPlaces(db: DbOrTx, communityId: number): Promise<PosterArea[]> {
  const rows = await db
    .select({ label: qrCodes.label, ...placePathColumns })
    .from(qrCodes)
    .leftJoin(p0, eq(p0.id, qrCodes.placeId))
    .leftJoin(p1, placeJoins.p0)
    .leftJoin(p2, placeJoins.p1)
    .leftJoin(p3, placeJoins.p2)
    .where(and(eq(qrCodes.communityId, communityId), eq(qrCodes.status, 'active'), eq(qrCodes.purpose, 'report')))
    .orderBy(asc(qrCodes.id));
  const areas = new Map<string, Set<string>>();
  for (const r of rows) {
    const [area, ...rest] = placePath(r);
    const key = area ?? r.label;
    const spots = areas.get(key) ?? new Set<string>();
    if (area && rest.length) spots.add(rest.join(' '));
    areas.set(key, spots);
  }
  const byName = (a: string, b: string) => a.localeCompare(b, 'zh-CN', { numeric: true });
  return [...areas].map(([area, spots]) => ({ area, spots: [...spots].sort(byName) })).sort((a, b) => byName(a.area, b.area));
}
