// Every OUTBOX_SWEEP_MS (30 s by default): re-enqueue outbox rows whose queue job Redis lost (or never got, because Redis was down at commit).
import { z } from 'zod';
import { outboxSweepMs } from '../../config';
import { defineJob } from '../define';

export const outboxSweep = defineJob({
  name: 'outbox.sweep',
  payload: z.object({ limit: z.number().int().min(1).max(5000).default(500) }),
  attempts: 1,
  backoffMs: 1000,
  every: outboxSweepMs(),
  async handler(payload, ctx) {
    return { redispatched: await ctx.runtime.redispatchLost(payload.limit) };
  },
});
