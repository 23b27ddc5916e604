// /staff/wishes: wishes in the staff member's scope that neighbours offered to fulfil, with each offer, 20 wishes per page.
import { and, asc, count, desc, eq, exists, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { places, submissions, users, wishOffers } from '../../db/schema';
import { visibleGrids, type StaffScope } from '../auth/staff-scope';
import { loadCategoryLabels } from '../submissions/category-labels';
import { offsetOf, RESIDENT_PAGE_SIZE, residentPaged } from '../submissions/resident-page';
import { WISH_STAFF_ROLES } from './staff-offer';

export type OfferFilter = 'open' | 'done';
export const offerFilterOf = (raw: string | undefined): OfferFilter => (raw === 'done' ? 'done' : 'open');

const FILTER_STATUSES = { open: ['offered', 'accepted'], done: ['fulfilled'] } as const;

export async function listWishOffers(db: DbOrTx, scope: StaffScope, opts: { filter: OfferFilter; page: number }) {
  const { wholeCommunities, gridIds } = visibleGrids(scope.filter((r) => WISH_STAFF_ROLES.includes(r.role)));
  const inScope = [
    ...(wholeCommunities.length ? [inArray(submissions.communityId, wholeCommunities)] : []),
    ...(gridIds.length ? [inArray(submissions.gridId, gridIds)] : []),
  ];
  if (!inScope.length) return { ...residentPaged([], 0, opts.page), offers: new Map<number, StaffOffer[]>() };
  const statuses = FILTER_STATUSES[opts.filter];
  const where = and(
    eq(submissions.kind, 'wish'),
    or(...inScope),
    exists(db.select({ one: sql`1` }).from(wishOffers).where(and(eq(wishOffers.submissionId, submissions.id), inArray(wishOffers.status, [...statuses])))),
  );
  const [{ n }] = await db.select({ n: count() }).from(submissions).where(where);
  const wishes = await db
    .select({
      id: submissions.id,
      trackingNo: submissions.trackingNo,
      ruleSetId: submissions.ruleSetId,
      categoryKey: submissions.categoryKey,
      description: submissions.description,
      status: submissions.status,
      placeName: places.name,
      createdAt: submissions.createdAt,
    })
    .from(submissions)
    .leftJoin(places, eq(places.id, submissions.placeId))
    .where(where)
    .orderBy(desc(submissions.updatedAt), desc(submissions.id))
    .limit(RESIDENT_PAGE_SIZE)
    .offset(offsetOf(opts.page));
  const label = await loadCategoryLabels(db, wishes.map((w) => w.ruleSetId));
  const offerRows = wishes.length
    ? await db
        .select({
          id: wishOffers.id,
          submissionId: wishOffers.submissionId,
          status: wishOffers.status,
          note: wishOffers.note,
          createdAt: wishOffers.createdAt,
          decidedAt: wishOffers.decidedAt,
          helperName: users.displayName,
          // Staff in scope call the helper to arrange the help; the author's identity is never part of this page.
          helperPhone: users.phone,
        })
        .from(wishOffers)
        .innerJoin(users, eq(users.id, wishOffers.helperUserId))
        .where(and(inArray(wishOffers.submissionId, wishes.map((w) => w.id)), inArray(wishOffers.status, ['offered', 'accepted', 'fulfilled'])))
        .orderBy(asc(wishOffers.id))
    : [];
  const offers = new Map<number, StaffOffer[]>();
  for (const o of offerRows) offers.set(o.submissionId, [...(offers.get(o.submissionId) ?? []), o]);
  const rows = wishes.map((w) => ({ ...w, category: label(w.ruleSetId, w.categoryKey), hasAccepted: (offers.get(w.id) ?? []).some((o) => o.status === 'accepted') }));
  return { ...residentPaged(rows, n, opts.page), offers };
}

export interface StaffOffer {
  id: number;
  submissionId: number;
  status: 'offered' | 'accepted' | 'declined' | 'withdrawn' | 'fulfilled';
  note: string;
  createdAt: Date;
  decidedAt: Date | null;
  helperName: string;
  helperPhone: string | null;
}
export type StaffWishRow = Awaited<ReturnType<typeof listWishOffers>>['rows'][number];
