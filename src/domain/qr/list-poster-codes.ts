// The active codes to print, with what each poster shows: community, place chain and the scan address.
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { communities, qrCodes } from '../../db/schema';
import { scanUrl } from './generate-code';
import { p0, p1, p2, p3, placeJoins, placePath, placePathColumns } from './place-path';
import type { PosterData } from './poster/poster-data';

export async function listPosterCodes(
  db: DbOrTx,
  opts: { baseUrl: string; communityId?: number; communityCode?: string; ids?: number[] },
): Promise<(PosterData & { id: number; communityCode: string })[]> {
  const where: SQL[] = [eq(qrCodes.status, 'active')];
  if (opts.communityId !== undefined) where.push(eq(qrCodes.communityId, opts.communityId));
  if (opts.communityCode !== undefined) where.push(eq(communities.code, opts.communityCode));
  if (opts.ids) where.push(inArray(qrCodes.id, opts.ids.length ? opts.ids : [-1]));
  const rows = await db
    .select({
      id: qrCodes.id,
      code: qrCodes.code,
      purpose: qrCodes.purpose,
      label: qrCodes.label,
      communityName: communities.name,
      communityCode: communities.code,
      ...placePathColumns,
    })
    .from(qrCodes)
    .innerJoin(communities, eq(communities.id, qrCodes.communityId))
    .leftJoin(p0, eq(p0.id, qrCodes.placeId))
    .leftJoin(p1, placeJoins.p0)
    .leftJoin(p2, placeJoins.p1)
    .leftJoin(p3, placeJoins.p2)
    .where(and(...where))
    .orderBy(asc(qrCodes.communityId), asc(qrCodes.id));
  return rows.map(({ n0, n1, n2, n3, ...r }) => ({ ...r, url: scanUrl(opts.baseUrl, r.code), place: placePath({ n0, n1, n2, n3 }) }));
}
