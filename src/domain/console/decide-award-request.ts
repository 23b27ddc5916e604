// A second approver approves (the award is paid, once) or rejects (with a reason) a pending award request.
// The request row is locked first, so two leaders deciding at once are serialized: the second is told it is decided.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { pointAwardRequests, submissionEvents, submissions } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { recordAudit } from '../audit/record-audit';
import { AppError, fieldError, notFound } from '../errors';
import { awardPoints } from '../points/award-points';
import type { AwardContribution } from '../points/award-input';
import { formText } from './accept-item-input';
import { coversRequest } from './list-award-requests';

export interface DecideInput {
  rawId: string;
  decision: 'approve' | 'reject';
  form: Record<string, string>;
  actorUserId: number;
  ip?: string | null;
  now?: Date;
  timeZone?: string;
}

interface StoredInput {
  contribution: Record<string, unknown> & { kind: AwardContribution['kind'] };
  amount: number | null;
  note: string | null;
  requestKey: string | null;
}

/** Dates were stored as ISO strings (patrol shifts). */
function revive(c: StoredInput['contribution']): AwardContribution {
  if (c.kind === 'patrol') return { ...c, start: new Date(c.start as string), end: new Date(c.end as string) } as AwardContribution;
  return c as unknown as AwardContribution;
}

export async function decideAwardRequest(db: DbOrTx, scope: StaffScope, input: DecideInput) {
  if (!/^\d{1,9}$/.test(input.rawId)) throw notFound();
  const id = Number(input.rawId);
  const reason = formText(input.form.reason, 'reason');
  if (input.decision === 'reject' && !reason) throw fieldError('reason', 'act.err.rejectReasonRequired');
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [req] = await tx.select().from(pointAwardRequests).where(eq(pointAwardRequests.id, id)).for('update');
    if (!req) throw notFound();
    const stored = req.input as StoredInput;
    const sid = typeof stored.contribution.submissionId === 'number' ? stored.contribution.submissionId : null;
    const [item] = sid === null ? [] : await tx.select().from(submissions).where(eq(submissions.id, sid));
    if (!coversRequest(scope, { communityId: req.communityId, gridId: item?.gridId ?? null })) throw notFound();
    if (req.status !== 'pending') throw new AppError('conflict', 'act.err.alreadyDecided');
    if (req.requestedBy === input.actorUserId) throw new AppError('forbidden', 'act.err.ownRequest');
    if (item && item.authorUserId === input.actorUserId) throw new AppError('forbidden', 'points.err.ownSubmission');
    const audit = { actorUserId: input.actorUserId, communityId: req.communityId, targetType: 'point_award_request', targetId: id, ip: input.ip };

    if (input.decision === 'approve') {
      const award = await awardPoints(tx, {
        communityId: req.communityId, approverUserId: req.requestedBy, secondApproverUserId: input.actorUserId, contribution: revive(stored.contribution),
        amount: stored.amount ?? undefined, note: stored.note ?? undefined, requestKey: stored.requestKey ?? undefined, now, timeZone: input.timeZone,
      });
      if (award.status !== 'paid') throw new Error(`award request ${id}: second approval did not pay`);
      await recordAudit(tx, { ...audit, action: 'console.award.approve', before: { status: 'pending', amount: Number(req.amount) }, after: { status: 'paid', amount: award.amount, transferId: award.transferId } });
      // A cap reached since the request was made pays less than requested: say so rather than leave the leader guessing.
      // An anonymous author's award says only that a cap applied: the amount, or which cap, would tell their totals.
      const cappedBy = award.evaluation?.cappedBy ?? null;
      if (award.discreet) return { decision: 'approve' as const, discreet: true as const, capped: cappedBy !== null, trackingNo: item?.trackingNo ?? null };
      return { decision: 'approve' as const, discreet: false as const, amount: award.amount, requested: Number(req.amount), cappedBy, trackingNo: item?.trackingNo ?? null };
    }
    await tx
      .update(pointAwardRequests)
      .set({ status: 'rejected', decidedBy: input.actorUserId, decidedAt: now })
      .where(and(eq(pointAwardRequests.id, id), eq(pointAwardRequests.status, 'pending')));
    // Staff reading the item later see why its award was not paid; the resident's timeline does not show it.
    if (item) await tx.insert(submissionEvents).values({ submissionId: item.id, kind: 'note', body: reason, public: false, actorUserId: input.actorUserId, createdAt: now });
    await recordAudit(tx, { ...audit, action: 'console.award.reject', before: { status: 'pending', amount: Number(req.amount) }, after: { status: 'rejected', reason } });
    return { decision: 'reject' as const, amount: Number(req.amount), trackingNo: item?.trackingNo ?? null };
  });
}
