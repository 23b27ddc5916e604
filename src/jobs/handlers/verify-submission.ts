// First check of a new tip or wish: moves it from 已受理 to 待审核 and, in the same transaction, routes it to the police when
// its category or wording calls for it, sets the resolve deadline and records a probable duplicate as a private note.
// Guarded in SQL (status row lock), so running it twice changes nothing the second time.
import { and, desc, eq, gte, inArray, like, ne, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import { ruleSets, submissionEvents, submissions } from '../../db/schema';
import { ruleSetBodySchema } from '../../domain/rules/rule-set-schema';
import { mentionsPolice } from '../../domain/submissions/police-keywords';
import { recordStatusChange } from '../../domain/submissions/record-status-change';
import { DUPLICATE_THRESHOLD, similarity } from '../../domain/submissions/similarity';
import { resolveDue } from '../../domain/submissions/status';
import { defineJob } from '../define';

const DUPLICATE_WINDOW_DAYS = 14;
const DUPLICATE_NOTE_PREFIX = '可能重复:';

export const verifySubmission = defineJob({
  name: 'submission.verify',
  payload: z.object({ submissionId: z.number().int().positive() }),
  attempts: 5,
  backoffMs: 2000,
  async handler(payload, ctx) {
    return ctx.db.transaction(async (tx) => {
      const [before] = await tx
        .select({
          id: submissions.id,
          status: submissions.status,
          trackingNo: submissions.trackingNo,
          authorUserId: submissions.authorUserId,
          communityId: submissions.communityId,
          categoryKey: submissions.categoryKey,
          ruleSetId: submissions.ruleSetId,
          description: submissions.description,
          placeId: submissions.placeId,
          gridId: submissions.gridId,
          policeRelated: submissions.policeRelated,
          slaDueAt: submissions.slaDueAt,
          createdAt: submissions.createdAt,
        })
        .from(submissions)
        .where(eq(submissions.id, payload.submissionId))
        .for('update');
      if (!before || !['received', 'verifying'].includes(before.status)) return { moved: false };

      const [rs] = await tx.select({ body: ruleSets.body }).from(ruleSets).where(eq(ruleSets.id, before.ruleSetId));
      const rules = rs ? ruleSetBodySchema.parse(rs.body) : null;
      const category = rules?.categories.find((c) => c.key === before.categoryKey);
      const policeRelated = before.policeRelated || category?.police === true || mentionsPolice(before.description ?? '');
      const slaDueAt = before.slaDueAt ?? (rules ? resolveDue(rules, before.createdAt, 1) : null);

      await tx
        .update(submissions)
        .set({ status: 'pending_review', policeRelated, slaDueAt, updatedAt: ctx.now(), version: sql`${submissions.version} + 1` })
        .where(and(eq(submissions.id, before.id), inArray(submissions.status, ['received', 'verifying'])));
      await recordStatusChange(tx, { submission: before, from: before.status, to: 'pending_review', actorUserId: null });
      const duplicateOf = await noteProbableDuplicate(tx, before, ctx.now());
      return { moved: true, policeRelated, duplicateOf };
    });
  },
});

async function noteProbableDuplicate(
  tx: DbOrTx,
  item: { id: number; communityId: number; categoryKey: string; description: string | null; placeId: number | null; gridId: number | null },
  now: Date,
): Promise<string | null> {
  if (!item.description || (item.placeId === null && item.gridId === null)) return null;
  const [already] = await tx
    .select({ id: submissionEvents.id })
    .from(submissionEvents)
    .where(and(eq(submissionEvents.submissionId, item.id), eq(submissionEvents.kind, 'note'), like(submissionEvents.body, `${DUPLICATE_NOTE_PREFIX}%`)))
    .limit(1);
  if (already) return null;

  const where: SQL[] = [];
  if (item.placeId !== null) where.push(eq(submissions.placeId, item.placeId));
  if (item.gridId !== null) where.push(eq(submissions.gridId, item.gridId));
  const candidates = await tx
    .select({ trackingNo: submissions.trackingNo, description: submissions.description })
    .from(submissions)
    .where(
      and(
        eq(submissions.communityId, item.communityId),
        eq(submissions.categoryKey, item.categoryKey),
        ne(submissions.id, item.id),
        ne(submissions.status, 'rejected'),
        gte(submissions.createdAt, new Date(now.getTime() - DUPLICATE_WINDOW_DAYS * 86400_000)),
        or(...where),
      ),
    )
    .orderBy(desc(submissions.createdAt))
    .limit(200);

  let best: { trackingNo: string; score: number } | null = null;
  for (const c of candidates) {
    const score = similarity(item.description, c.description ?? '');
    if (!best || score > best.score) best = { trackingNo: c.trackingNo, score };
  }
  if (!best || best.score < DUPLICATE_THRESHOLD) return null;
  await tx.insert(submissionEvents).values({
    submissionId: item.id,
    kind: 'note',
    body: `${DUPLICATE_NOTE_PREFIX}${best.trackingNo}(相似度 ${best.score.toFixed(2)})`,
    public: false,
    actorUserId: null,
  });
  return best.trackingNo;
}
