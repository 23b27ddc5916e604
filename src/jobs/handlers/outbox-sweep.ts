// Every OUTBOX_SWEEP_MS (30 s by default): re-enqueue outbox rows whose queue job Redis lost (or never got, because Redis was down at commit).
import { outboxSweepMs } from '../../config';
import { bindJob } from '../define';

export const outboxSweep = bindJob({
  name: 'outbox.sweep',
  attempts: 1,
  backoffMs: 1000,
  every: outboxSweepMs(),
  async handler(payload, ctx) {
    return { redispatched: await ctx.runtime.redispatchLost(payload.limit) };
  },
});
