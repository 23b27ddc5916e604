// Deactivates or reactivates a department: inactive ones leave the item page's picker but keep their past requests.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { departments } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { recordAudit } from '../audit/record-audit';
import { managedDepartment } from './managed-department';

export async function setDepartmentActive(db: Db, input: { actorId: number; scope: StaffScope; departmentId: number; active: boolean; ip?: string }) {
  const { department, community } = await managedDepartment(db, input.scope, input.departmentId);
  if (department.active === input.active) return { department, community };
  await db.transaction(async (tx) => {
    await tx.update(departments).set({ active: input.active }).where(eq(departments.id, department.id));
    await recordAudit(tx, {
      actorUserId: input.actorId, communityId: community.id, action: input.active ? 'department.activate' : 'department.deactivate',
      targetType: 'department', targetId: department.id, before: { active: department.active }, after: { active: input.active }, ip: input.ip,
    });
  });
  return { department: { ...department, active: input.active }, community };
}
