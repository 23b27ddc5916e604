// Staff accept one neighbour's offer for a wish: one helper per wish at a time (partial unique index wish_offers_one_accepted).
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { submissionEvents, wishOffers } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { pgCode } from '../communities/managed-community';
import { AppError } from '../errors';
import { notify } from '../notifications/notify';
import { auditOfferStep, lockOfferForStaff } from './staff-offer';
import { CLOSED_STATUSES, OFFER_STEP } from './wish-state';

const alreadyTaken = () => new AppError('conflict', 'wish.err.alreadyAccepted');

export async function acceptOffer(db: DbOrTx, scope: StaffScope, input: { rawOfferId: string; actorUserId: number; ip?: string; now?: Date }) {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const { wish, offer } = await lockOfferForStaff(tx, scope, input.rawOfferId);
    if (offer.status !== 'offered') throw new AppError('conflict', 'wish.err.offerNotOpen');
    const [fulfilled] = await tx.select({ id: wishOffers.id }).from(wishOffers).where(and(eq(wishOffers.submissionId, wish.id), eq(wishOffers.status, 'fulfilled'))).limit(1);
    if (fulfilled || CLOSED_STATUSES.includes(wish.status)) throw new AppError('conflict', 'wish.err.closed');
    const [taken] = await tx.select({ id: wishOffers.id }).from(wishOffers).where(and(eq(wishOffers.submissionId, wish.id), eq(wishOffers.status, 'accepted'))).limit(1);
    if (taken) throw alreadyTaken();
    // The index is the last word should anything bypass the wish-row lock.
    await tx
      .update(wishOffers)
      .set({ status: 'accepted', decidedBy: input.actorUserId, decidedAt: now })
      .where(and(eq(wishOffers.id, offer.id), eq(wishOffers.status, 'offered')))
      .catch((err: unknown) => {
        throw pgCode(err) === '23505' ? alreadyTaken() : err;
      });
    await tx.insert(submissionEvents).values({ submissionId: wish.id, kind: 'offer', body: OFFER_STEP.accepted, public: true, actorUserId: input.actorUserId, createdAt: now });
    await notify(tx, { userId: offer.helperUserId, kind: 'wish.accepted', title: wish.trackingNo, link: '/wishes', dedupeKey: `wish-offer:${offer.id}:accepted` });
    await notify(tx, { userId: wish.authorUserId, kind: 'wish.helperAssigned', title: wish.trackingNo, link: `/me/submissions/${wish.trackingNo}`, dedupeKey: `wish-offer:${offer.id}:assigned` });
    await auditOfferStep(tx, { wish, offer, step: 'accept', to: 'accepted', actorUserId: input.actorUserId, ip: input.ip });
    return { offerId: offer.id, wishId: wish.id };
  });
}
