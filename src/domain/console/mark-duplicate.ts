// 重复: the item is linked to the original it repeats (within its community; a chain resolves to the first original),
// the resident is shown a public 'merge' event naming the original, and the author gets the duplicate-confirmation
// credit. The original keeps its own award. One transaction, guarded by the page's version.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { submissionEvents, submissions } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { recordAudit } from '../audit/record-audit';
import { AppError, fieldError } from '../errors';
import { recordStatusChange } from '../submissions/record-status-change';
import { canMove } from '../submissions/status';
import { actionItem, itemRules } from './accept-item-page';
import { roleAllows } from './available-actions';
import { creditIfFunded, type ConsoleActionInput, type Credit } from './credit-if-funded';
import { lockItemForAction, parseItemId, parseVersion, updateItem } from './item-access';

export type MarkDuplicateInput = ConsoleActionInput;

export type DuplicateCredit = Credit;

const TRACKING = /^[A-Z]{2,4}-\d{4}-\d{6}$/;
/** Far more than any real chain; stops a corrupted loop from spinning. */
const MAX_CHAIN = 20;

async function findOriginal(tx: DbOrTx, communityId: number, selfId: number, raw: string) {
  const no = raw.normalize('NFKC').trim().toUpperCase();
  if (!no) throw fieldError('original', 'act.err.originalMissing');
  if (!TRACKING.test(no)) throw fieldError('original', 'act.err.originalNotFound', { no: raw.slice(0, 40) });
  const byNo = await tx.select().from(submissions).where(and(eq(submissions.trackingNo, no), eq(submissions.communityId, communityId)));
  let original = byNo[0];
  // Another community's item reads the same as a missing one.
  if (!original) throw fieldError('original', 'act.err.originalNotFound', { no });
  for (let i = 0; original.status === 'duplicate' && original.duplicateOfId !== null && i < MAX_CHAIN; i++) {
    const [next] = await tx.select().from(submissions).where(eq(submissions.id, original.duplicateOfId));
    if (!next || next.communityId !== communityId) break;
    original = next;
  }
  if (original.id === selfId) throw fieldError('original', 'act.err.originalSelf');
  return original;
}

export async function markDuplicate(db: DbOrTx, scope: StaffScope, input: MarkDuplicateInput) {
  const id = parseItemId(input.rawId);
  const version = parseVersion(input.form.version);
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const item = await lockItemForAction(tx, scope, id, version);
    // By a role of the grid line that covers the item (a police officer here who is grid staff elsewhere may not).
    if (!roleAllows(scope, item, 'duplicate')) throw new AppError('forbidden', 'error.403');
    if (!canMove(item.status, 'duplicate')) throw new AppError('conflict', 'act.err.cannotDuplicate');
    const original = await findOriginal(tx, item.communityId, id, input.form.original ?? '');

    await updateItem(tx, id, { status: 'duplicate', duplicateOfId: original.id, firstAnsweredAt: item.firstAnsweredAt ?? now }, now);
    await recordStatusChange(tx, { submission: item, from: item.status, to: 'duplicate', actorUserId: input.actorUserId });
    // The body is the original's tracking number: the resident's page words the event around it.
    await tx.insert(submissionEvents).values({ submissionId: id, kind: 'merge', body: original.trackingNo, public: true, actorUserId: input.actorUserId, createdAt: now });

    const rules = await itemRules(tx, item.ruleSetId);
    let credit: DuplicateCredit = { credited: false };
    if (rules.duplicate_confirmation_points > 0) {
      credit = await creditIfFunded(tx, {
          communityId: item.communityId, approverUserId: input.actorUserId, contribution: { kind: 'duplicate_confirmation', submissionId: id }, now, timeZone: input.timeZone,
        });
    }
    await recordAudit(tx, {
      actorUserId: input.actorUserId, communityId: item.communityId, action: 'console.duplicate', targetType: 'submission', targetId: id, ip: input.ip,
      before: { status: item.status, version: item.version, duplicateOfId: item.duplicateOfId },
      after: { status: 'duplicate', version: item.version + 1, duplicateOfId: original.id, credited: credit.credited },
    });
    return { trackingNo: item.trackingNo, originalTrackingNo: original.trackingNo, originalId: original.id, credit };
  });
}

/** The form's prefill: the verification job's probable original (if still in the community), as a tracking number. */
export async function probableOriginalNo(db: DbOrTx, communityId: number, probableId: number | null): Promise<string> {
  if (probableId === null) return '';
  const [o] = await db.select({ no: submissions.trackingNo }).from(submissions).where(and(eq(submissions.id, probableId), eq(submissions.communityId, communityId)));
  return o?.no ?? '';
}

/** What the duplicate form shows: the item, the probable original to prefill, and whether it can still be marked. */
export async function markDuplicatePage(db: DbOrTx, scope: StaffScope, rawId: string) {
  const { item } = await actionItem(db, scope, rawId);
  const probableNo = await probableOriginalNo(db, item.communityId, item.probableDuplicateOfId);
  return { item, probableNo, canMark: canMove(item.status, 'duplicate') };
}
