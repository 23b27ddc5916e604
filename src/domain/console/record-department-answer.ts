// Staff record what a department answered (internal); when no request is left open, a routed item returns to 处理中.
import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { departmentRequests, submissionEvents } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { fieldError } from '../errors';
import { recordStatusChange } from '../submissions/record-status-change';
import { updateItem } from './item-access';
import { openDepartmentRequests, runItemAction, type ItemActionInput } from './item-action';
import { staffText } from './staff-text';

export async function recordDepartmentAnswer(db: DbOrTx, scope: StaffScope, input: ItemActionInput) {
  return runItemAction(db, scope, input, 'departmentAnswer', async ({ tx, item, now, audit }) => {
    const raw = input.form.request ?? '';
    const [req] = /^\d{1,9}$/.test(raw)
      ? await tx
          .select()
          .from(departmentRequests)
          .where(and(eq(departmentRequests.id, Number(raw)), eq(departmentRequests.submissionId, item.id), isNull(departmentRequests.answeredAt)))
      : [];
    if (!req) throw fieldError('answer', 'console.err.requestPick');
    const answer = staffText(input.form.answer, 'answer');
    await tx.update(departmentRequests).set({ answer, answeredAt: now, recordedBy: input.actorUserId }).where(eq(departmentRequests.id, req.id));
    await tx.insert(submissionEvents).values({ submissionId: item.id, kind: 'department_answer', body: answer, public: false, actorUserId: input.actorUserId, createdAt: now });
    const back = item.status === 'routed' && (await openDepartmentRequests(tx, item.id)) === 0;
    await updateItem(tx, item.id, back ? { status: 'in_progress' } : {}, now);
    if (back) await recordStatusChange(tx, { submission: item, from: 'routed', to: 'in_progress', actorUserId: input.actorUserId });
    await audit({ requestId: req.id, answer: null, status: item.status }, { requestId: req.id, answer, status: back ? 'in_progress' : item.status });
    return { id: item.id };
  });
}
