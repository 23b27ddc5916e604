// Staff confirm that the accepted helper made the wish come true: offer fulfilled, public timeline, both told, helper credited.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { submissionEvents, submissions, wishOffers } from '../../db/schema';
import { canMove } from '../submissions/status';
import { recordStatusChange } from '../submissions/record-status-change';
import type { StaffScope } from '../auth/staff-scope';
import { AppError } from '../errors';
import { notify } from '../notifications/notify';
import { creditWishFulfilment } from './credit-wish-fulfilment';
import { auditOfferStep, lockOfferForStaff } from './staff-offer';
import { OFFER_STEP } from './wish-state';

export async function confirmFulfilment(db: DbOrTx, scope: StaffScope, input: { rawOfferId: string; actorUserId: number; ip?: string; now?: Date }) {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const { wish, offer } = await lockOfferForStaff(tx, scope, input.rawOfferId);
    if (offer.status === 'fulfilled') throw new AppError('conflict', 'wish.err.alreadyFulfilled');
    if (offer.status !== 'accepted') throw new AppError('conflict', 'wish.err.notAccepted');
    await tx.update(wishOffers).set({ status: 'fulfilled', decidedBy: input.actorUserId, decidedAt: now }).where(and(eq(wishOffers.id, offer.id), eq(wishOffers.status, 'accepted')));
    // A fulfilled wish is a resolved item: the author can then rate it (or reopen it within 7 days), and the ledger
    // pays the helper only for a worked item.
    if (canMove(wish.status, 'resolved')) {
      await tx
        .update(submissions)
        .set({ status: 'resolved', resolvedAt: now, updatedAt: now, version: sql`${submissions.version} + 1` })
        .where(eq(submissions.id, wish.id));
      await recordStatusChange(tx, { submission: wish, from: wish.status, to: 'resolved', actorUserId: input.actorUserId });
    }
    await tx.insert(submissionEvents).values({ submissionId: wish.id, kind: 'offer', body: OFFER_STEP.fulfilled, public: true, actorUserId: input.actorUserId, createdAt: now });
    await notify(tx, { userId: offer.helperUserId, kind: 'wish.fulfilled', title: wish.trackingNo, link: '/wishes', dedupeKey: `wish-offer:${offer.id}:fulfilled` });
    await notify(tx, { userId: wish.authorUserId, kind: 'wish.fulfilledAuthor', title: wish.trackingNo, link: `/me/submissions/${wish.trackingNo}`, dedupeKey: `wish-offer:${offer.id}:fulfilled-author` });
    // Points move only through the ledger; in the same transaction, so a failed credit undoes the confirmation too.
    const credit = await creditWishFulfilment(tx, {
      communityId: wish.communityId,
      submissionId: wish.id,
      helperUserId: offer.helperUserId,
      approverUserId: input.actorUserId,
      now,
    });
    await auditOfferStep(tx, { wish, offer, step: 'fulfil', to: 'fulfilled', actorUserId: input.actorUserId, ip: input.ip, extra: { credited: credit.credited } });
    return { offerId: offer.id, trackingNo: wish.trackingNo, credited: credit.credited };
  });
}
