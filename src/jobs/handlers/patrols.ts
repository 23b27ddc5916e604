// Patrol schedules: keep shifts generated ahead, send reminders, close finished shifts (no-shows, forgotten check-outs).
// Settings come from the environment like the other scheduled jobs (validated by src/config.ts at start).
import { configSchema } from '../../config';
import { closeShifts } from '../../domain/patrols/close-shifts';
import { generateShifts } from '../../domain/patrols/generate-shifts';
import { remindShifts } from '../../domain/patrols/remind-shifts';
import { bindJob } from '../define';

const env = () => ({
  timeZone: process.env.DISPLAY_TZ || 'Asia/Shanghai',
  aheadDays: configSchema.shape.SHIFTS_AHEAD_DAYS.parse(process.env.SHIFTS_AHEAD_DAYS || undefined),
  windowMinutes: configSchema.shape.PATROL_WINDOW_MINUTES.parse(process.env.PATROL_WINDOW_MINUTES || undefined),
});

export const patrolGenerateShifts = bindJob({
  name: 'patrol.generate-shifts',
  attempts: 3,
  backoffMs: 60_000,
  every: 6 * 60 * 60 * 1000,
  handler: (_p, ctx) => generateShifts(ctx.db, { now: ctx.now(), aheadDays: env().aheadDays, timeZone: env().timeZone }),
});

export const patrolRemind = bindJob({
  name: 'patrol.remind',
  attempts: 3,
  backoffMs: 30_000,
  every: 10 * 60 * 1000,
  handler: (_p, ctx) => remindShifts(ctx.db, { now: ctx.now(), timeZone: env().timeZone }),
});

export const patrolCloseShifts = bindJob({
  name: 'patrol.close-shifts',
  attempts: 3,
  backoffMs: 30_000,
  every: 15 * 60 * 1000,
  handler: (p, ctx) => closeShifts(ctx.db, { now: ctx.now(), windowMinutes: env().windowMinutes, timeZone: env().timeZone, limit: p.limit }),
});
