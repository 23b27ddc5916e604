// points.award: a worker-side award (e.g. the outcome bonus after a resident rates a resolved item) through awardPoints.
// Exactly once per matter: awardPoints pays each idempotency key at most once, so a retry after a crash replays.
// A business refusal (no base award, cap reached, fund exhausted…) is an answer, not a failure: it is returned, not retried.
import { awardPoints } from '../../domain/points/award-points';
import { AppError } from '../../domain/errors';
import { bindJob } from '../define';

export const pointsAward = bindJob({
  name: 'points.award',
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
