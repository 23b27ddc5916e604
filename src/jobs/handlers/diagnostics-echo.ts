// An admin-triggered job that proves the worker runs end to end; it also lets tests interrupt a job mid-run.
import { eq, sql } from 'drizzle-orm';
import { jobOutbox } from '../../db/schema';
import { bindJob } from '../define';

export const diagnosticsEcho = bindJob({
  name: 'diagnostics.echo',
  attempts: 3,
  backoffMs: 1000,
  async handler(payload, ctx) {
    if (payload.delayMs) await new Promise((r) => setTimeout(r, payload.delayMs));
    if (ctx.outboxId) {
      // Counts completed runs on the row, so a test can prove a retried job took effect once.
      await ctx.db
        .update(jobOutbox)
        .set({
          result: sql`jsonb_build_object('echo', ${payload.message}::text, 'completions', coalesce((${jobOutbox.result}->>'completions')::int, 0) + 1)`,
        })
        .where(eq(jobOutbox.id, ctx.outboxId));
    }
    return { echo: payload.message };
  },
});
