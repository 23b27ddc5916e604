// 心愿墙: a community's public wishes, newest first, 20 per page; authors masked (张**), phones never selected.
import { and, count, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { submissions, users, type SubmissionStatus } from '../../db/schema';
import { loadCategoryLabels } from '../submissions/category-labels';
import { offsetOf, RESIDENT_PAGE_SIZE, residentPaged } from '../submissions/resident-page';
import { maskName } from './mask-name';
import { publicWishWhere, wishState, wishStateColumns, type WishState } from './wish-state';

/** The columns the wall and a single wish page both read (the author's name only to mask it). */
export const publicWishColumns = (viewerUserId: number | null) => ({
  id: submissions.id,
  ruleSetId: submissions.ruleSetId,
  categoryKey: submissions.categoryKey,
  description: submissions.description,
  anonymous: submissions.anonymous,
  authorUserId: submissions.authorUserId,
  authorName: users.displayName,
  status: submissions.status,
  createdAt: submissions.createdAt,
  ...wishStateColumns(viewerUserId),
});

export interface PublicWish {
  id: number;
  category: string;
  description: string;
  /** "张**", or null when anonymous or unnamed (the view then says 一位邻居). */
  author: string | null;
  createdAt: Date;
  state: WishState;
  openOffers: number;
  mine: boolean;
  myOffer: 'offered' | 'accepted' | null;
}

export async function listPublicWishes(db: DbOrTx, opts: { communityId: number; page: number; viewerUserId: number | null }) {
  const where = and(eq(submissions.communityId, opts.communityId), publicWishWhere());
  const [{ n }] = await db.select({ n: count() }).from(submissions).where(where);
  const rows = await db
    .select({
      ...publicWishColumns(opts.viewerUserId),
    })
    .from(submissions)
    .innerJoin(users, eq(users.id, submissions.authorUserId))
    .where(where)
    .orderBy(desc(submissions.createdAt), desc(submissions.id))
    .limit(RESIDENT_PAGE_SIZE)
    .offset(offsetOf(opts.page));
  const label = await loadCategoryLabels(db, rows.map((r) => r.ruleSetId));
  return residentPaged(rows.map((r) => toPublicWish(r, label(r.ruleSetId, r.categoryKey), opts.viewerUserId)), n, opts.page);
}

export function toPublicWish(
  r: { id: number; description: string; anonymous: boolean; authorUserId: number; authorName: string; status: SubmissionStatus; createdAt: Date; fulfilled: boolean; taken: boolean; openOffers: number; myOffer: 'offered' | 'accepted' | null },
  category: string,
  viewerUserId: number | null,
): PublicWish {
  return {
    id: r.id,
    category,
    description: r.description,
    author: r.anonymous ? null : maskName(r.authorName),
    createdAt: r.createdAt,
    state: wishState(r),
    openOffers: Number(r.openOffers),
    mine: viewerUserId !== null && r.authorUserId === viewerUserId,
    myOffer: r.myOffer,
  };
}
