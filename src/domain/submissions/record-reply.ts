// A public reply from staff on an item: the timeline event and the author's inbox message, in the caller's transaction.
// (The staff workbench issue calls this; 我的诉求 shows the reply and the inbox says "收到回复".)
import type { DbOrTx } from '../../db/client';
import { submissionEvents } from '../../db/schema';
import { notify } from '../notifications/notify';

export async function recordReply(
  tx: DbOrTx,
  input: { submission: { id: number; trackingNo: string; authorUserId: number }; body: string; actorUserId: number },
): Promise<void> {
  await tx
    .insert(submissionEvents)
    .values({ submissionId: input.submission.id, kind: 'reply', body: input.body, public: true, actorUserId: input.actorUserId });
  await notify(tx, {
    userId: input.submission.authorUserId,
    kind: 'reply',
    title: input.submission.trackingNo,
    body: input.body,
    link: `/me/submissions/${input.submission.trackingNo}`,
  });
}
