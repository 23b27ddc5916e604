// Daily: expire what is left of credit lots past their date (soonest first, one transfer per account). Re-runs are no-ops.
import { z } from 'zod';
import { expireLots } from '../../domain/points/expire-lots';
import { defineJob } from '../define';

export const pointsExpire = defineJob({
  name: 'points.expire',
  payload: z.object({ limit: z.number().int().min(1).max(100_000).default(10_000) }),
  attempts: 3,
  backoffMs: 60_000,
  every: 24 * 60 * 60 * 1000,
  async handler(payload, ctx) {
    return expireLots(ctx.db, { now: ctx.now(), limit: payload.limit });
  },
});
