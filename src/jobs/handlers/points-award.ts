// points.award: a worker-side award (e.g. the outcome bonus after a resident rates a resolved item), group-committed
// with the awards of the worker's other concurrent runs (AwardBatcher: one read and one write for the batch).
// Exactly once per matter: each idempotency key is paid at most once, so a retry after a crash replays.
// A business refusal (no base award, cap reached, fund exhausted…) is an answer, not a failure: it is returned, not retried.
import { awardBatcher } from '../../domain/points/award-points-batch';
import { AppError } from '../../domain/errors';
import { bindJob } from '../define';

export const pointsAward = bindJob({
  name: 'points.award',
  attempts: 8,
  backoffMs: 1000,
  async handler(payload, ctx) {
    try {
      const res = await awardBatcher(ctx.db).award(payload);
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
