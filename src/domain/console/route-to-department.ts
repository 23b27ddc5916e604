// 转派: send an item to one of the community's departments with a note; status 已转派 and a public "route" event.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { departmentRequests, departments, submissionEvents } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { fieldError } from '../errors';
import { recordStatusChange } from '../submissions/record-status-change';
import { updateItem } from './item-access';
import { runItemAction, type ItemActionInput } from './item-action';
import { staffText } from './staff-text';

export async function routeToDepartment(db: DbOrTx, scope: StaffScope, input: ItemActionInput) {
  return runItemAction(db, scope, input, 'route', async ({ tx, item, now, audit }) => {
    const raw = input.form.department ?? '';
    const [dept] = /^\d{1,9}$/.test(raw)
      ? await tx
          .select({ id: departments.id, name: departments.name })
          .from(departments)
          .where(and(eq(departments.id, Number(raw)), eq(departments.communityId, item.communityId), eq(departments.active, true)))
      : [];
    if (!dept) throw fieldError('department', 'console.err.departmentPick');
    const note = staffText(input.form.note, 'note', { optional: true });
    const [req] = await tx
      .insert(departmentRequests)
      .values({ submissionId: item.id, departmentId: dept.id, note, routedBy: input.actorUserId, routedAt: now })
      .returning({ id: departmentRequests.id });
    // The resident sees where it went (the department's name); the note to the department stays internal.
    await tx.insert(submissionEvents).values({ submissionId: item.id, kind: 'route', body: dept.name, public: true, actorUserId: input.actorUserId, createdAt: now });
    if (note) await tx.insert(submissionEvents).values({ submissionId: item.id, kind: 'note', body: note, public: false, actorUserId: input.actorUserId, createdAt: now });
    await updateItem(tx, item.id, { status: 'routed' }, now);
    if (item.status !== 'routed') await recordStatusChange(tx, { submission: item, from: item.status, to: 'routed', actorUserId: input.actorUserId });
    await audit({ status: item.status }, { status: 'routed', departmentId: dept.id, requestId: req.id, note });
    return { id: item.id, requestId: req.id };
  });
}
