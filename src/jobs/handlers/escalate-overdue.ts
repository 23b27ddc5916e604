// Every minute: items past their resolve deadline go up one tier (院落/网格 → 社区 → 派出所), once per tier.
import { z } from 'zod';
import { escalateOverdue } from '../../domain/console/escalate-overdue';
import { defineJob } from '../define';

export const submissionEscalateOverdue = defineJob({
  name: 'submission.escalate-overdue',
  payload: z.object({ limit: z.number().int().min(1).max(10_000).default(500) }),
  attempts: 3,
  backoffMs: 10_000,
  every: 60_000,
  async handler(payload, ctx) {
    return escalateOverdue(ctx.db, { now: ctx.now(), limit: payload.limit });
  },
});
