// "立即对账": a community admin queues a reconciliation of the whole ledger (the same job the nightly schedule runs),
// audited. Presses within the same minute queue one job.
import type { DbOrTx } from '../../db/client';
import { recordJob } from '../../infra/jobs/record-job';
import { recordAudit } from '../audit/record-audit';

export async function requestReconciliation(db: DbOrTx, input: { actorUserId: number; communityId: number; ip?: string | null; now?: Date }): Promise<number> {
  const minute = Math.floor((input.now ?? new Date()).getTime() / 60_000);
  return db.transaction(async (tx) => {
    const outboxId = await recordJob(tx, 'points.reconcile', {}, { dedupeKey: `reconcile:manual:${minute}` });
    await recordAudit(tx, {
      actorUserId: input.actorUserId, communityId: input.communityId, action: 'points.reconcile.request', targetType: 'job', targetId: outboxId,
      ip: input.ip ?? null, after: { job: 'points.reconcile', outboxId },
    });
    return outboxId;
  });
}
