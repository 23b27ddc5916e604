// The communities whose QR codes an admin manages (id and name), for the community switch and poster headings.
import { asc, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { communities } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { adminCommunities } from '../staff/list-staff';

export async function qrCommunities(db: DbOrTx, scope: StaffScope): Promise<{ id: number; name: string; code: string }[]> {
  const ids = adminCommunities(scope);
  if (!ids.length) return [];
  return db.select({ id: communities.id, name: communities.name, code: communities.code }).from(communities).where(inArray(communities.id, ids)).orderBy(asc(communities.id));
}
