// One public wish for the offer page; a private, hidden or non-existent wish reads as "not found".
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { communities, submissions, users } from '../../db/schema';
import { notFound } from '../errors';
import { loadCategoryLabels } from '../submissions/category-labels';
import { publicWishColumns, toPublicWish } from './list-public-wishes';
import { publicWishWhere } from './wish-state';

export const WISH_ID = /^\d{1,9}$/;

export async function getPublicWish(db: DbOrTx, rawId: string, viewerUserId: number | null) {
  if (!WISH_ID.test(rawId)) throw notFound();
  const [r] = await db
    .select({
      ...publicWishColumns(viewerUserId),
      communityId: submissions.communityId,
      communityName: communities.name,
    })
    .from(submissions)
    .innerJoin(users, eq(users.id, submissions.authorUserId))
    .innerJoin(communities, eq(communities.id, submissions.communityId))
    .where(and(eq(submissions.id, Number(rawId)), publicWishWhere()));
  if (!r) throw notFound();
  const label = await loadCategoryLabels(db, [r.ruleSetId]);
  return { ...toPublicWish(r, label(r.ruleSetId, r.categoryKey), viewerUserId), communityId: r.communityId, communityName: r.communityName };
}

export type PublicWishDetail = Awaited<ReturnType<typeof getPublicWish>>;
