// Every department of a community, active first, for the admin page (the item page uses list-departments: active only).
import { asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { departments } from '../../db/schema';

export type DepartmentRow = typeof departments.$inferSelect;

export function listCommunityDepartments(db: DbOrTx, communityId: number): Promise<DepartmentRow[]> {
  return db.select().from(departments).where(eq(departments.communityId, communityId)).orderBy(desc(departments.active), asc(departments.name), asc(departments.id));
}
