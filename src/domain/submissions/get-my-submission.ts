// One of the resident's own items with its public timeline; anyone else's item (or a malformed number) is "not found".
import { and, asc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import { places, submissionEvents, submissions, users, wishOffers, type SubmissionStatus } from '../../db/schema';
import { notFound } from '../errors';
import { listSubmissionPhotos } from '../photos/list-submission-photos';
import { maskName } from '../wishes/mask-name';
import { loadCategoryLabels } from './category-labels';
import { pointsEarnedFor } from './points-earned';
import { progressSteps } from './progress-steps';
import { canRate, canReopen, REOPEN_WINDOW_DAYS } from './status';

export const TRACKING_NO = /^[A-Z]{2,4}-\d{4}-\d{6}$/;
const parent = alias(places, 'parent_place');

export async function getMySubmission(db: DbOrTx, userId: number, trackingNo: string, now = new Date()) {
  if (!TRACKING_NO.test(trackingNo)) throw notFound();
  const [row] = await db
    .select({ s: submissions, placeName: places.name, parentName: parent.name })
    .from(submissions)
    .leftJoin(places, eq(places.id, submissions.placeId))
    .leftJoin(parent, eq(parent.id, places.parentId))
    .where(and(eq(submissions.trackingNo, trackingNo), eq(submissions.authorUserId, userId)))
    .limit(1);
  if (!row) throw notFound();
  const s = row.s;
  // Private notes (public = false) are for staff only and never leave this query.
  const events = await db
    .select({ id: submissionEvents.id, kind: submissionEvents.kind, fromStatus: submissionEvents.fromStatus, toStatus: submissionEvents.toStatus, body: submissionEvents.body, createdAt: submissionEvents.createdAt })
    .from(submissionEvents)
    .where(and(eq(submissionEvents.submissionId, s.id), eq(submissionEvents.public, true)))
    .orderBy(asc(submissionEvents.id));
  const helpers =
    s.kind === 'wish'
      ? await db
          .select({ status: wishOffers.status, name: users.displayName })
          .from(wishOffers)
          .innerJoin(users, eq(users.id, wishOffers.helperUserId))
          .where(and(eq(wishOffers.submissionId, s.id), inArray(wishOffers.status, ['accepted', 'fulfilled'])))
      : [];
  const label = await loadCategoryLabels(db, [s.ruleSetId]);
  const seen = events.map((e) => e.toStatus).filter((x): x is SubmissionStatus => !!x);
  return {
    item: {
      id: s.id,
      trackingNo: s.trackingNo,
      kind: s.kind,
      category: label(s.ruleSetId, s.categoryKey),
      description: s.description,
      place: [row.parentName, row.placeName].filter(Boolean).join(' › '),
      status: s.status,
      anonymous: s.anonymous,
      publicWish: s.publicWish,
      createdAt: s.createdAt,
      slaDueAt: s.slaDueAt,
      resolvedAt: s.resolvedAt,
      rating: s.rating,
      ratingComment: s.ratingComment,
      reopenCount: s.reopenCount,
      /** 1 院落/网格, 2 社区, 3 派出所 (escalations move it up). */
      tier: s.tier,
    },
    events,
    photos: await listSubmissionPhotos(db, s.id),
    steps: progressSteps(s.status, seen),
    helpers: helpers.map((h) => ({ status: h.status, name: maskName(h.name) })),
    // LEDGER HOOK: empty until the ledger is wired (see points-earned.ts); the view renders nothing for an empty list.
    points: await pointsEarnedFor(db, s.id, userId),
    canRate: canRate(s),
    canReopen: canReopen(s, now),
    reopenUntil: s.status === 'resolved' && s.resolvedAt ? new Date(s.resolvedAt.getTime() + REOPEN_WINDOW_DAYS * 86400_000) : null,
  };
}

export type MySubmission = Awaited<ReturnType<typeof getMySubmission>>;
