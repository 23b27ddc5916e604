// The active departments of a community, for the item page's "route to department" picker (网格吹哨、部门报到).
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { departments } from '../../db/schema';

export interface DepartmentOption {
  id: number;
  name: string;
  contact: string;
}

export function listDepartments(db: DbOrTx, communityId: number): Promise<DepartmentOption[]> {
  return db
    .select({ id: departments.id, name: departments.name, contact: departments.contact })
    .from(departments)
    .where(and(eq(departments.communityId, communityId), eq(departments.active, true)))
    .orderBy(asc(departments.name), asc(departments.id));
}
