// The author sends an answered item back to work within REOPEN_WINDOW_DAYS when it was not really solved.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { submissionEvents, submissions } from '../../db/schema';
import { AppError, notFound } from '../errors';
import { parseReopen } from './feedback-input';
import { TRACKING_NO } from './get-my-submission';
import { recordStatusChange } from './record-status-change';
import { canReopen, REOPEN_WINDOW_DAYS } from './status';

export async function reopenSubmission(db: DbOrTx, input: { userId: number; trackingNo: string; form: Record<string, string>; now?: Date }) {
  if (!TRACKING_NO.test(input.trackingNo)) throw notFound();
  const { reason } = parseReopen(input.form);
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [s] = await tx
      .select({ id: submissions.id, trackingNo: submissions.trackingNo, authorUserId: submissions.authorUserId, status: submissions.status, resolvedAt: submissions.resolvedAt })
      .from(submissions)
      .where(and(eq(submissions.trackingNo, input.trackingNo), eq(submissions.authorUserId, input.userId)))
      .for('update');
    if (!s) throw notFound();
    if (!canReopen(s, now)) {
      throw new AppError('conflict', s.status === 'resolved' ? { key: 'me.err.reopenExpired', params: { days: REOPEN_WINDOW_DAYS } } : 'me.err.reopenNotResolved');
    }
    const updated = await tx
      .update(submissions)
      // resolvedAt is cleared: the item is no longer answered, and the 7 days start again at the next answer.
      .set({ status: 'in_progress', resolvedAt: null, reopenCount: sql`${submissions.reopenCount} + 1`, updatedAt: now, version: sql`${submissions.version} + 1` })
      .where(and(eq(submissions.id, s.id), eq(submissions.status, 'resolved')))
      .returning({ reopenCount: submissions.reopenCount });
    if (!updated.length) throw new AppError('conflict', 'me.err.reopenNotResolved');
    await tx.insert(submissionEvents).values({ submissionId: s.id, kind: 'reopen', body: reason, public: true, actorUserId: input.userId, createdAt: now });
    // The status event and the inbox message; staff-side alerts for reopened items come with the staff workbench issue.
    await recordStatusChange(tx, { submission: s, from: 'resolved', to: 'in_progress', actorUserId: input.userId });
    return { reopenCount: updated[0].reopenCount };
  });
}
