// Every status change goes through here: the timeline event and the author's notification, in the caller's transaction.
import type { DbOrTx } from '../../db/client';
import type { SubmissionStatus } from '../../db/schema';
import { submissionEvents } from '../../db/schema';
import { notify } from '../notifications/notify';

export async function recordStatusChange(
  tx: DbOrTx,
  input: {
    submission: { id: number; trackingNo: string; authorUserId: number };
    from: SubmissionStatus;
    to: SubmissionStatus;
    actorUserId: number | null;
    /** A public note shown with the change (e.g. the answer when resolving). */
    body?: string;
  },
): Promise<void> {
  await tx.insert(submissionEvents).values({
    submissionId: input.submission.id,
    kind: 'status',
    fromStatus: input.from,
    toStatus: input.to,
    body: input.body ?? null,
    public: true,
    actorUserId: input.actorUserId,
  });
  // No dedupe key: callers change status under a guarded UPDATE in the same transaction, so this runs once per change.
  // The inbox renders the status label from `kind` in the reader's language.
  await notify(tx, {
    userId: input.submission.authorUserId,
    kind: `status.${input.to}`,
    title: input.submission.trackingNo,
    body: input.body ?? '',
    link: `/me/submissions/${input.submission.trackingNo}`,
  });
}
