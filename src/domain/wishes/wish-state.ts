// Shared pieces of the 心愿墙 queries: which wishes are public, and each wish's offer state as SQL columns.
import { and, eq, notInArray, sql } from 'drizzle-orm';
import { submissions, wishOffers, type SubmissionStatus } from '../../db/schema';

/** Staff hide a public wish by refusing it (未采纳) or marking it a duplicate. */
export const HIDDEN_STATUSES: SubmissionStatus[] = ['rejected', 'duplicate'];
/** No new offers once the wish is answered. */
export const CLOSED_STATUSES: SubmissionStatus[] = ['resolved', 'rejected', 'duplicate'];

export const publicWishWhere = () => and(eq(submissions.kind, 'wish'), eq(submissions.publicWish, true), notInArray(submissions.status, HIDDEN_STATUSES));

export const wishStateColumns = (viewerUserId: number | null) => ({
  fulfilled: sql<boolean>`exists (select 1 from ${wishOffers} o where o.submission_id = ${submissions.id} and o.status = 'fulfilled')`,
  taken: sql<boolean>`exists (select 1 from ${wishOffers} o where o.submission_id = ${submissions.id} and o.status = 'accepted')`,
  openOffers: sql<number>`(select count(*)::int from ${wishOffers} o where o.submission_id = ${submissions.id} and o.status in ('offered', 'accepted'))`,
  myOffer: sql<'offered' | 'accepted' | null>`(select o.status from ${wishOffers} o where o.submission_id = ${submissions.id} and o.helper_user_id = ${viewerUserId ?? 0} and o.status in ('offered', 'accepted') limit 1)`,
});

export type WishState = 'open' | 'taken' | 'fulfilled';

export function wishState(w: { status: SubmissionStatus; fulfilled: boolean; taken: boolean }): WishState {
  if (w.fulfilled || w.status === 'resolved') return 'fulfilled';
  return w.taken ? 'taken' : 'open';
}

/**
 * The body of an 'offer' timeline event names the step (not prose), so each reader's page can say it in their language.
 * Declines are not on the public timeline: the author need not hear that a neighbour's offer was turned down.
 */
export const OFFER_STEP = { offered: 'offered', accepted: 'accepted', fulfilled: 'fulfilled' } as const;
