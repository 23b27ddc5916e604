// Staff access to wish offers: which roles handle them, whether a wish is in the member's scope, and the locked rows to act on.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { submissions, users, wishOffers, type StaffRole } from '../../db/schema';
import { coversGrid, type StaffScope } from '../auth/staff-scope';
import { recordAudit } from '../audit/record-audit';
import { notFound } from '../errors';

/** Grid workers arrange help in their grids; leaders and community admins may step in. */
export const WISH_STAFF_ROLES: readonly StaffRole[] = ['grid_worker', 'grid_leader', 'community_admin'];

/** A wish without a grid (place unknown) belongs to whoever sees the whole community. */
export function coversWish(scope: StaffScope, wish: { communityId: number; gridId: number | null }): boolean {
  if (wish.gridId === null) return scope.some((r) => WISH_STAFF_ROLES.includes(r.role) && r.communityId === wish.communityId && r.gridIds === null);
  return coversGrid(scope, { id: wish.gridId, communityId: wish.communityId }, WISH_STAFF_ROLES);
}

/**
 * The wish row is locked first, then the offer: every action on a wish's offers takes the same lock, so two workers
 * accepting two different offers at once are served one after the other. Out of scope reads as not found.
 */
export async function lockOfferForStaff(tx: DbOrTx, scope: StaffScope, rawOfferId: string) {
  if (!/^\d{1,9}$/.test(rawOfferId)) throw notFound();
  const [ref] = await tx.select({ submissionId: wishOffers.submissionId }).from(wishOffers).where(eq(wishOffers.id, Number(rawOfferId)));
  if (!ref) throw notFound();
  const [wish] = await tx
    .select({ id: submissions.id, communityId: submissions.communityId, gridId: submissions.gridId, status: submissions.status, trackingNo: submissions.trackingNo, authorUserId: submissions.authorUserId, kind: submissions.kind })
    .from(submissions)
    .where(eq(submissions.id, ref.submissionId))
    .for('update');
  if (!wish || wish.kind !== 'wish' || !coversWish(scope, wish)) throw notFound();
  const [offer] = await tx.select().from(wishOffers).where(and(eq(wishOffers.id, Number(rawOfferId)), eq(wishOffers.submissionId, wish.id))).for('update');
  if (!offer) throw notFound();
  return { wish, offer };
}

/** For reading (the confirm page): same scope rule, no locks; the helper's name for the question. */
export async function offerForStaff(db: DbOrTx, scope: StaffScope, rawOfferId: string) {
  if (!/^\d{1,9}$/.test(rawOfferId)) throw notFound();
  const [row] = await db
    .select({
      offer: wishOffers,
      helperName: users.displayName,
      wish: { id: submissions.id, communityId: submissions.communityId, gridId: submissions.gridId, trackingNo: submissions.trackingNo, description: submissions.description, kind: submissions.kind },
    })
    .from(wishOffers)
    .innerJoin(submissions, eq(submissions.id, wishOffers.submissionId))
    .innerJoin(users, eq(users.id, wishOffers.helperUserId))
    .where(eq(wishOffers.id, Number(rawOfferId)));
  if (!row || row.wish.kind !== 'wish' || !coversWish(scope, row.wish)) throw notFound();
  return row;
}

/** The audit row every staff decision on an offer writes (accept, decline, fulfil), in the decision's transaction. */
export async function auditOfferStep(
  tx: DbOrTx,
  input: {
    wish: { id: number; communityId: number };
    offer: { id: number; status: string };
    step: 'accept' | 'decline' | 'fulfil';
    to: string;
    actorUserId: number;
    ip?: string;
    extra?: Record<string, unknown>;
  },
): Promise<void> {
  await recordAudit(tx, {
    actorUserId: input.actorUserId,
    communityId: input.wish.communityId,
    action: `wish.offer.${input.step}`,
    targetType: 'wish_offer',
    targetId: input.offer.id,
    before: { status: input.offer.status },
    after: { status: input.to, submissionId: input.wish.id, ...input.extra },
    ip: input.ip,
  });
}
