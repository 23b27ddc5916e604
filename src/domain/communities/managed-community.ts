// The community an admin works in, checked against their scope: any other community reads as "not found".
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { communities } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { notFound } from '../errors';
import { adminCommunities } from '../staff/list-staff';

export type CommunityRef = typeof communities.$inferSelect;

export async function managedCommunity(db: DbOrTx, scope: StaffScope, communityId: number): Promise<CommunityRef> {
  if (!Number.isSafeInteger(communityId) || !adminCommunities(scope).includes(communityId)) throw notFound();
  const [row] = await db.select().from(communities).where(eq(communities.id, communityId)).limit(1);
  if (!row) throw notFound();
  return row;
}

/** All communities the admin manages, for the admin home and community pickers. */
export async function managedCommunities(db: DbOrTx, scope: StaffScope): Promise<CommunityRef[]> {
  const ids = adminCommunities(scope);
  const rows = await Promise.all(ids.map((id) => db.select().from(communities).where(eq(communities.id, id)).limit(1)));
  return rows.flat().sort((a, b) => a.id - b.id);
}

/** Postgres error code of a failed query (drizzle wraps the driver's error in `cause`). */
export function pgCode(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 4; e = e.cause as typeof e, i++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}
