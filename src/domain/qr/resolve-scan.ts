// Looks a scanned code up: its status, place chain, community, and — for a replaced code — the code that took its place.
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { communities, qrCodes, type QrPurpose } from '../../db/schema';
import { p0, p1, p2, p3, placeJoins, placePath, placePathColumns } from './place-path';

export interface ScanTarget {
  id: number;
  code: string;
  communityId: number;
  communityName: string;
  /** The grid of the code's place (set on it or on a place above it); null when it is in no grid. */
  gridId: number | null;
  purpose: QrPurpose;
  label: string;
  status: 'active' | 'disabled' | 'replaced';
  /** Place names from the top (courtyard or centre) down to the code's own place. */
  place: string[];
  /** For a replaced code: the code now in use at the end of the replacement chain (null if that one is disabled too). */
  current: { code: string; label: string } | null;
}

/** A replacement of a replacement is possible; the chain is short in practice, the bound only guards against a cycle. */
const MAX_HOPS = 10;

export async function resolveScan(db: DbOrTx, code: string): Promise<ScanTarget | null> {
  const [row] = await db
    .select({
      id: qrCodes.id,
      code: qrCodes.code,
      communityId: qrCodes.communityId,
      communityName: communities.name,
      purpose: qrCodes.purpose,
      label: qrCodes.label,
      status: qrCodes.status,
      replacedById: qrCodes.replacedById,
      gridId: sql<number | null>`coalesce(${qrCodes.gridId}, ${p0.gridId}, ${p1.gridId}, ${p2.gridId}, ${p3.gridId})`,
      ...placePathColumns,
    })
    .from(qrCodes)
    .innerJoin(communities, eq(communities.id, qrCodes.communityId))
    .leftJoin(p0, eq(p0.id, qrCodes.placeId))
    .leftJoin(p1, placeJoins.p0)
    .leftJoin(p2, placeJoins.p1)
    .leftJoin(p3, placeJoins.p2)
    .where(eq(qrCodes.code, code))
    .limit(1);
  if (!row) return null;
  const { replacedById, n0, n1, n2, n3, ...rest } = row;
  return { ...rest, gridId: rest.gridId === null ? null : Number(rest.gridId), place: placePath({ n0, n1, n2, n3 }), current: row.status === 'replaced' ? await successor(db, replacedById) : null };
}

async function successor(db: DbOrTx, nextId: number | null): Promise<ScanTarget['current']> {
  for (let hop = 0; nextId !== null && hop < MAX_HOPS; hop++) {
    const [next] = await db
      .select({ code: qrCodes.code, label: qrCodes.label, status: qrCodes.status, replacedById: qrCodes.replacedById })
      .from(qrCodes)
      .where(eq(qrCodes.id, nextId));
    if (!next) return null;
    if (next.status === 'active') return { code: next.code, label: next.label };
    if (next.status === 'disabled') return null;
    nextId = next.replacedById;
  }
  return null;
}
