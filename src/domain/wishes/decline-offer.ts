// Staff turn an offer down (or release an accepted helper who cannot do it), which frees the wish for another helper.
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { wishOffers } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { AppError } from '../errors';
import { notify } from '../notifications/notify';
import { auditOfferStep, lockOfferForStaff } from './staff-offer';

export async function declineOffer(db: DbOrTx, scope: StaffScope, input: { rawOfferId: string; actorUserId: number; ip?: string; now?: Date }) {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const { wish, offer } = await lockOfferForStaff(tx, scope, input.rawOfferId);
    if (offer.status !== 'offered' && offer.status !== 'accepted') throw new AppError('conflict', 'wish.err.offerNotOpen');
    await tx
      .update(wishOffers)
      .set({ status: 'declined', decidedBy: input.actorUserId, decidedAt: now })
      .where(and(eq(wishOffers.id, offer.id), inArray(wishOffers.status, ['offered', 'accepted'])));
    await notify(tx, { userId: offer.helperUserId, kind: 'wish.declined', title: wish.trackingNo, link: '/wishes', dedupeKey: `wish-offer:${offer.id}:declined` });
    await auditOfferStep(tx, { wish, offer, step: 'decline', to: 'declined', actorUserId: input.actorUserId, ip: input.ip });
    return { offerId: offer.id };
  });
}
