// Writes a job into Postgres inside the caller's transaction; the runtime pushes it to the queue after commit.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { jobOutbox } from '../../db/schema';
import { JOB_CONTRACTS, type JobName, type JobPayload } from './contracts';

export async function recordJob<N extends JobName>(
  tx: DbOrTx,
  name: N,
  payload: JobPayload<N>,
  opts: { dedupeKey?: string; runAfter?: Date } = {},
): Promise<number> {
  const contract = JOB_CONTRACTS[name];
  if (!contract) throw new Error(`unknown job ${name}`);
  // Validate now, so a bad payload fails the request rather than the worker hours later.
  const data = contract.parse(payload);
  const inserted = await tx
    .insert(jobOutbox)
    .values({ name, payload: data, dedupeKey: opts.dedupeKey ?? null, runAfter: opts.runAfter ?? new Date() })
    .onConflictDoNothing({ target: jobOutbox.dedupeKey })
    .returning({ id: jobOutbox.id });
  if (inserted[0]) return inserted[0].id;
  const [existing] = await tx.select({ id: jobOutbox.id }).from(jobOutbox).where(eq(jobOutbox.dedupeKey, opts.dedupeKey!)).limit(1);
  return existing.id;
}
