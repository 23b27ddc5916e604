// A department an admin may change (it belongs to one of their communities); anything else reads as "not found".
import { and, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { communities, departments } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { notFound } from '../errors';
import { adminCommunities } from '../staff/list-staff';

export async function managedDepartment(db: DbOrTx, scope: StaffScope, id: number) {
  if (!Number.isSafeInteger(id)) throw notFound();
  const [row] = await db
    .select({ department: departments, community: communities })
    .from(departments)
    .innerJoin(communities, eq(communities.id, departments.communityId))
    .where(eq(departments.id, id))
    .limit(1);
  if (!row || !adminCommunities(scope).includes(row.community.id)) throw notFound();
  return row;
}

/** Same name in the same community, ignoring letter case ("ABC" and "abc" are one department). */
export async function departmentNameTaken(db: DbOrTx, communityId: number, name: string, exceptId?: number) {
  const same = and(eq(departments.communityId, communityId), sql`lower(${departments.name}) = lower(${name})`);
  const [hit] = await db.select({ id: departments.id }).from(departments).where(exceptId ? and(same, ne(departments.id, exceptId)) : same).limit(1);
  return Boolean(hit);
}
