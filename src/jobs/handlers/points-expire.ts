// Daily: expire what is left of credit lots past their date (soonest first, one transfer per account). Re-runs are no-ops.
import { expireLots } from '../../domain/points/expire-lots';
import { bindJob } from '../define';

export const pointsExpire = bindJob({
  name: 'points.expire',
  attempts: 3,
  backoffMs: 60_000,
  every: 24 * 60 * 60 * 1000,
  async handler(payload, ctx) {
    return expireLots(ctx.db, { now: ctx.now(), limit: payload.limit });
  },
});
