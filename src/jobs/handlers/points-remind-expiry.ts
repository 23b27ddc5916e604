// Daily: remind residents of points expiring within 30 days, one notification per lot date (re-runs send nothing new).
// Dates are local days in DISPLAY_TZ (validated by src/config.ts at start).
import { remindExpiring } from '../../domain/points/remind-expiring';
import { bindJob } from '../define';

export const pointsRemindExpiry = bindJob({
  name: 'points.remind-expiry',
  attempts: 3,
  backoffMs: 60_000,
  every: 24 * 60 * 60 * 1000,
  handler: (payload, ctx) => remindExpiring(ctx.db, { now: ctx.now(), limit: payload.limit, timeZone: process.env.DISPLAY_TZ || undefined }),
});
