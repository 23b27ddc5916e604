// First check of a new tip or wish, in one transaction under the item's row lock: refuse obvious abuse (garbage text,
// too many items in an hour) with a public explanation and no points; otherwise move it to 待审核, route it to the
// police when its category or wording calls for it, set the resolve deadline, the suggested points (the category's
// default) and a probable duplicate (column + private note). Running it twice changes nothing the second time: only
// an item still in 已受理/核实中 is touched.
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { submissionEvents, submissions } from '../../db/schema';
import { translator } from '../../i18n/messages';
import { ruleSetBody } from '../rules/rule-set-body';
import { mentionsPolice } from '../submissions/police-keywords';
import { recordStatusChange } from '../submissions/record-status-change';
import { resolveDue } from '../submissions/status';
import { garbageReason, normaliseForMatching } from './garbage-text';
import { findProbableDuplicate } from './probable-duplicate';
import { itemsInHourBefore, MAX_ITEMS_PER_HOUR } from './resident-burst';

const DUPLICATE_NOTE_PREFIX = '可能重复:';
/** Stored on the item (submissions.auto_refusal): a code, shown to staff through the catalogue. */
export type AutoRefusal = 'garbage' | 'too_many';

export type VerifyResult =
  | { moved: false }
  | { moved: true; refused: AutoRefusal; detail: string }
  | { moved: true; policeRelated: boolean; duplicateOf: string | null; suggestedPoints: number | null };

// Written into the item's public timeline at job time; residents read Chinese (the stored text is what they see).
const zh = translator('zh-CN');

export async function verifySubmission(db: Db, input: { submissionId: number; now: Date }): Promise<VerifyResult> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({
        id: submissions.id, status: submissions.status, trackingNo: submissions.trackingNo, authorUserId: submissions.authorUserId,
        communityId: submissions.communityId, categoryKey: submissions.categoryKey, ruleSetId: submissions.ruleSetId,
        description: submissions.description, placeId: submissions.placeId, gridId: submissions.gridId,
        policeRelated: submissions.policeRelated, slaDueAt: submissions.slaDueAt, createdAt: submissions.createdAt,
      })
      .from(submissions)
      .where(eq(submissions.id, input.submissionId))
      .for('update');
    if (!before || !['received', 'verifying'].includes(before.status)) return { moved: false } as const;
    const guard = and(eq(submissions.id, before.id), inArray(submissions.status, ['received', 'verifying']));
    const bump = { updatedAt: input.now, version: sql`${submissions.version} + 1` };

    const text = normaliseForMatching(before.description ?? '');
    const garbage = garbageReason(text);
    const refused: AutoRefusal | null = garbage ? 'garbage' : (await itemsInHourBefore(tx, before.id)) >= MAX_ITEMS_PER_HOUR ? 'too_many' : null;
    if (refused) {
      await tx.update(submissions).set({ status: 'rejected', autoRefusal: refused, ...bump }).where(guard);
      const body = zh(`verification.refusal.${refused}`, { max: MAX_ITEMS_PER_HOUR });
      await recordStatusChange(tx, { submission: before, from: before.status, to: 'rejected', actorUserId: null, body });
      return { moved: true, refused, detail: garbage ?? `>${MAX_ITEMS_PER_HOUR}/h` } as const;
    }

    const rules = await ruleSetBody(tx, before.ruleSetId);
    const category = rules?.categories.find((c) => c.key === before.categoryKey);
    const policeRelated = before.policeRelated || category?.police === true || mentionsPolice(text);
    const slaDueAt = before.slaDueAt ?? (rules ? resolveDue(rules, before.createdAt, 1) : null);
    const suggestedPoints = category?.default ?? null;
    const duplicate = await findProbableDuplicate(tx, before, input.now);

    await tx
      .update(submissions)
      .set({
        status: 'pending_review', policeRelated, slaDueAt, suggestedPoints,
        probableDuplicateOfId: duplicate?.id ?? null, probableDuplicateScore: duplicate ? Number(duplicate.score.toFixed(4)) : null, ...bump,
      })
      .where(guard);
    await recordStatusChange(tx, { submission: before, from: before.status, to: 'pending_review', actorUserId: null });
    if (duplicate && !(await hasDuplicateNote(tx, before.id))) {
      await tx.insert(submissionEvents).values({
        submissionId: before.id, kind: 'note', public: false, actorUserId: null,
        body: zh('verification.duplicateNote', { no: duplicate.trackingNo, score: duplicate.score.toFixed(2) }),
      });
    }
    return { moved: true, policeRelated, duplicateOf: duplicate?.trackingNo ?? null, suggestedPoints } as const;
  });
}

async function hasDuplicateNote(tx: DbOrTx, id: number): Promise<boolean> {
  const [row] = await tx
    .select({ id: submissionEvents.id })
    .from(submissionEvents)
    .where(and(eq(submissionEvents.submissionId, id), eq(submissionEvents.kind, 'note'), like(submissionEvents.body, `${DUPLICATE_NOTE_PREFIX}%`)))
    .limit(1);
  return row !== undefined;
}
