// Every minute: items past their resolve deadline go up one tier (院落/网格 → 社区 → 派出所), once per tier.
import { escalateOverdue } from '../../domain/console/escalate-overdue';
import { bindJob } from '../define';

export const submissionEscalateOverdue = bindJob({
  name: 'submission.escalate-overdue',
  attempts: 3,
  backoffMs: 10_000,
  every: 60_000,
  async handler(payload, ctx) {
    return escalateOverdue(ctx.db, { now: ctx.now(), limit: payload.limit });
  },
});
