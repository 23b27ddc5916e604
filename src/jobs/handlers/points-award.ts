// points.award: a worker-side award (e.g. the outcome bonus after a resident rates a resolved item) through awardPoints.
// Exactly once per matter: awardPoints pays each idempotency key at most once, so a retry after a crash replays.
// A business refusal (no base award, cap reached, fund exhausted…) is an answer, not a failure: it is returned, not retried.
import { z } from 'zod';
import { awardPoints } from '../../domain/points/award-points';
import { AppError } from '../../domain/errors';
import { defineJob } from '../define';

const id = z.number().int().positive();
const date = z.coerce.date();

/** The award input as JSON-safe data (dates as ISO strings); see src/domain/points/award-input.ts. */
export const awardPayload = z.object({
  communityId: id,
  approverUserId: id,
  secondApproverUserId: id.nullable().optional(),
  contribution: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('submission'), submissionId: id }),
    z.object({ kind: z.literal('wish_fulfilment'), submissionId: id, recipientUserId: id }),
    z.object({ kind: z.literal('mediation'), submissionId: id, recipientUserId: id }),
    z.object({ kind: z.literal('duplicate_confirmation'), submissionId: id }),
    z.object({ kind: z.literal('outcome_bonus'), submissionId: id }),
    z.object({ kind: z.literal('patrol'), shiftId: z.union([z.string().max(100), id]), recipientUserId: id, start: date, end: date }),
    z.object({ kind: z.literal('activity'), activityId: z.union([z.string().max(100), id]), recipientUserId: id, hours: z.number().positive().max(24) }),
  ]),
  amount: z.number().int().positive().optional(),
  note: z.string().max(500).optional(),
  requestKey: z.string().max(200).optional(),
  now: date.optional(),
  timeZone: z.string().max(64).optional(),
});

export const pointsAward = defineJob({
  name: 'points.award',
  payload: awardPayload,
  attempts: 8,
  backoffMs: 1000,
  async handler(payload, ctx) {
    try {
      const res = await awardPoints(ctx.db, payload);
      return res.status === 'paid'
        ? { status: 'paid', transferId: res.transferId, amount: res.amount, key: res.idempotencyKey, replayed: res.replayed }
        : { status: res.status, requestId: res.requestId, amount: res.amount, key: res.idempotencyKey };
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      ctx.logger.warn({ code: err.code, msg: err.msg, contribution: payload.contribution }, 'points.award refused');
      return { status: 'refused', code: err.code, msg: err.msg };
    }
  },
});
