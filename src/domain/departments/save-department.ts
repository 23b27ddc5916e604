// Creates or edits a department (name, contact) from the admin form; a duplicate name is refused with a readable message.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { departments } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { recordAudit } from '../audit/record-audit';
import { parseForm, text } from '../communities/fields';
import { managedCommunity, pgCode } from '../communities/managed-community';
import { fieldError } from '../errors';
import { departmentNameTaken, managedDepartment } from './managed-department';

export const departmentForm = z.object({ name: text(40), contact: text(100, { optional: true }) });

interface SaveInput {
  actorId: number;
  scope: StaffScope;
  form: Record<string, string>;
  ip?: string;
}

export async function createDepartment(db: Db, input: SaveInput & { communityId: number }) {
  const community = await managedCommunity(db, input.scope, input.communityId);
  const v = parseForm(departmentForm, input.form);
  if (await departmentNameTaken(db, community.id, v.name)) throw fieldError('name', 'cq.dept.err.taken', { name: v.name });
  return db
    .transaction(async (tx) => {
      const [row] = await tx.insert(departments).values({ communityId: community.id, ...v }).returning();
      await recordAudit(tx, { actorUserId: input.actorId, communityId: community.id, action: 'department.create', targetType: 'department', targetId: row.id, after: v, ip: input.ip });
      return row;
    })
    .catch((err) => nameRace(err, v.name));
}

export async function updateDepartment(db: Db, input: SaveInput & { departmentId: number }) {
  const { department, community } = await managedDepartment(db, input.scope, input.departmentId);
  const v = parseForm(departmentForm, input.form);
  if (await departmentNameTaken(db, community.id, v.name, department.id)) throw fieldError('name', 'cq.dept.err.taken', { name: v.name });
  return db
    .transaction(async (tx) => {
      const [row] = await tx.update(departments).set(v).where(eq(departments.id, department.id)).returning();
      const before = { name: department.name, contact: department.contact };
      await recordAudit(tx, { actorUserId: input.actorId, communityId: community.id, action: 'department.update', targetType: 'department', targetId: department.id, before, after: v, ip: input.ip });
      return { department: row, community };
    })
    .catch((err) => nameRace(err, v.name));
}

/** Two admins adding the same name at once: the unique constraint decides, and the loser sees the same message. */
function nameRace(err: unknown, name: string): never {
  if (pgCode(err) === '23505') throw fieldError('name', 'cq.dept.err.taken', { name });
  throw err;
}
