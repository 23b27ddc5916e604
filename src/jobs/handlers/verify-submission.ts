// submission.verify: the first check of a new tip or wish (abuse refusal, police routing, deadline, suggested points,
// probable duplicate). The rules live in src/domain/verification/verify-submission.ts; re-runs change nothing.
import { verifySubmission as verify } from '../../domain/verification/verify-submission';
import { bindJob } from '../define';

export const verifySubmission = bindJob({
  name: 'submission.verify',
  attempts: 5,
  backoffMs: 2000,
  handler: (payload, ctx) => verify(ctx.db, { submissionId: payload.submissionId, now: ctx.now() }),
});
