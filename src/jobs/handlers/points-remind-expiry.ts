// Daily: remind residents of points expiring within 30 days, one notification per lot date (re-runs send nothing new).
// Dates are local days in DISPLAY_TZ (validated by src/config.ts at start).
import { z } from 'zod';
import { remindExpiring } from '../../domain/points/remind-expiring';
import { defineJob } from '../define';

export const pointsRemindExpiry = defineJob({
  name: 'points.remind-expiry',
  payload: z.object({ limit: z.number().int().min(1).max(100_000).default(50_000) }),
  attempts: 3,
  backoffMs: 60_000,
  every: 24 * 60 * 60 * 1000,
  handler: (payload, ctx) => remindExpiring(ctx.db, { now: ctx.now(), limit: payload.limit, timeZone: process.env.DISPLAY_TZ || undefined }),
});
