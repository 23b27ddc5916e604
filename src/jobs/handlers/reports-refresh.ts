// Dates are local months in DISPLAY_TZ (validated by src/config.ts at start), as points-remind-expiry reads it.
// Every 10 minutes: the report and ranking rollups of this month and last (a community's whole history the first time).
import { refreshRollups } from '../../domain/reports/refresh-rollups';
import { bindJob } from '../define';

export const reportsRefresh = bindJob({
  name: 'reports.refresh',
  attempts: 3,
  backoffMs: 60_000,
  every: 10 * 60_000,
  async handler(payload, ctx) {
    return refreshRollups(ctx.db, { timeZone: process.env.DISPLAY_TZ || 'Asia/Shanghai', now: ctx.now(), communityId: payload.communityId });
  },
});
