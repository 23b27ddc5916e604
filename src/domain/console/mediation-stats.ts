// How many disputes of a community were settled by mediation at each tier (the "42 / 4 / 0" of DESIGN.md).
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { submissions } from '../../db/schema';

export interface MediationStats {
  byTier: [number, number, number];
  /** "42 / 4 / 0": tier 1 / tier 2 / tier 3. */
  text: string;
}

export async function mediationStats(db: DbOrTx, communityId: number): Promise<MediationStats> {
  const rows = await db
    .select({ tier: submissions.settledTier, n: sql<number>`count(*)::int` })
    .from(submissions)
    .where(and(eq(submissions.communityId, communityId), isNotNull(submissions.settledTier)))
    .groupBy(submissions.settledTier);
  const byTier: [number, number, number] = [0, 0, 0];
  for (const r of rows) if (r.tier !== null && r.tier >= 1 && r.tier <= 3) byTier[r.tier - 1] = Number(r.n);
  return { byTier, text: byTier.join(' / ') };
}
