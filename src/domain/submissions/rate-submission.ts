// The author rates an answered item once (1–5 and a comment); the rating joins the public timeline. In the same
// transaction the outcome bonus is queued (points.award through the outbox, approved by whoever resolved the item).
import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { submissionEvents, submissions } from '../../db/schema';
import { recordJob } from '../../infra/jobs/record-job';
import { awardKey } from '../points/award-input';
import { AppError, notFound } from '../errors';
import { parseRating } from './feedback-input';
import { TRACKING_NO } from './get-my-submission';
import { canRate } from './status';

export async function rateSubmission(db: DbOrTx, input: { userId: number; trackingNo: string; form: Record<string, string>; now?: Date }) {
  if (!TRACKING_NO.test(input.trackingNo)) throw notFound();
  const { rating, comment } = parseRating(input.form);
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [s] = await tx
      .select({ id: submissions.id, communityId: submissions.communityId, status: submissions.status, rating: submissions.rating })
      .from(submissions)
      .where(and(eq(submissions.trackingNo, input.trackingNo), eq(submissions.authorUserId, input.userId)))
      .for('update');
    if (!s) throw notFound();
    if (!canRate(s)) throw new AppError('conflict', s.rating !== null ? 'me.err.alreadyRated' : 'me.err.rateNotYet');
    // Guarded again in SQL: a second tab posting at the same moment finds rating already set and changes nothing.
    const updated = await tx
      .update(submissions)
      .set({ rating, ratingComment: comment, ratedAt: now, updatedAt: now, version: sql`${submissions.version} + 1` })
      .where(and(eq(submissions.id, s.id), eq(submissions.status, 'resolved'), isNull(submissions.rating)))
      .returning({ id: submissions.id });
    if (!updated.length) throw new AppError('conflict', 'me.err.alreadyRated');
    await tx.insert(submissionEvents).values({ submissionId: s.id, kind: 'rating', body: comment, public: true, actorUserId: input.userId, createdAt: now });
    // The staff member who resolved it approves the bonus; the job pays it once (or records why not: no base award…).
    const [resolved] = await tx
      .select({ by: submissionEvents.actorUserId })
      .from(submissionEvents)
      .where(and(eq(submissionEvents.submissionId, s.id), eq(submissionEvents.kind, 'status'), eq(submissionEvents.toStatus, 'resolved'), isNotNull(submissionEvents.actorUserId)))
      .orderBy(desc(submissionEvents.id))
      .limit(1);
    const contribution = { kind: 'outcome_bonus', submissionId: s.id } as const;
    const outboxId = resolved?.by
      ? await recordJob(tx, 'points.award', { communityId: s.communityId, approverUserId: resolved.by, contribution }, { dedupeKey: awardKey(contribution, true, '') })
      : null;
    return { rating, outboxId };
  });
}
