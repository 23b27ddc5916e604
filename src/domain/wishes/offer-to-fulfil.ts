// A resident offers to make a neighbour's public wish come true; staff then accept one helper (see accept-offer.ts).
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { submissionEvents, submissions, wishOffers } from '../../db/schema';
import { AppError, notFound } from '../errors';
import { notify } from '../notifications/notify';
import { longTextRule, requireText } from '../text/text-rules';
import { WISH_ID } from './get-public-wish';
import { CLOSED_STATUSES, OFFER_STEP, publicWishWhere } from './wish-state';

export const OFFER_NOTE_MAX = 200;

export async function offerToFulfil(db: DbOrTx, input: { rawWishId: string; helperUserId: number; note?: string }) {
  if (!WISH_ID.test(input.rawWishId)) throw notFound();
  // The shared long-text rule: staff and the author read the note.
  const note = requireText(input.note, 'note', longTextRule(OFFER_NOTE_MAX, { optional: true }));
  return db.transaction(async (tx) => {
    const [wish] = await tx
      .select({ id: submissions.id, status: submissions.status, authorUserId: submissions.authorUserId, trackingNo: submissions.trackingNo })
      .from(submissions)
      .where(and(eq(submissions.id, Number(input.rawWishId)), publicWishWhere()))
      .for('update');
    if (!wish) throw notFound();
    if (wish.authorUserId === input.helperUserId) throw new AppError('conflict', 'wish.err.own');
    const [fulfilled] = await tx.select({ id: wishOffers.id }).from(wishOffers).where(and(eq(wishOffers.submissionId, wish.id), eq(wishOffers.status, 'fulfilled'))).limit(1);
    if (fulfilled || CLOSED_STATUSES.includes(wish.status)) throw new AppError('conflict', 'wish.err.closed');
    // The partial unique index (one open offer per helper per wish) is the real guard against a double tap.
    const [offer] = await tx
      .insert(wishOffers)
      .values({ submissionId: wish.id, helperUserId: input.helperUserId, note })
      .onConflictDoNothing()
      .returning({ id: wishOffers.id });
    if (!offer) throw new AppError('conflict', 'wish.err.alreadyOffered');
    await tx.update(submissions).set({ updatedAt: sql`now()` }).where(eq(submissions.id, wish.id));
    await tx.insert(submissionEvents).values({ submissionId: wish.id, kind: 'offer', body: OFFER_STEP.offered, public: true, actorUserId: input.helperUserId });
    await notify(tx, {
      userId: wish.authorUserId,
      kind: 'wish.offered',
      title: wish.trackingNo,
      link: `/me/submissions/${wish.trackingNo}`,
      dedupeKey: `wish-offer:${offer.id}:offered`,
    });
    return { offerId: offer.id };
  });
}
