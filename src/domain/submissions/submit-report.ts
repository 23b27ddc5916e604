// Files a tip or wish: the item, its photos, its first timeline event and its verify job, all in one transaction; a repeated form token returns the first item.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { communities, submissionEvents, submissions } from '../../db/schema';
import { recordJob } from '../../infra/jobs/record-job';
import { attachDraftPhotos } from '../photos/attach-draft-photos';
import type { LoadedRuleSet } from '../rules/current-rule-set';
import { nextTrackingNo } from './next-tracking-no';
import type { ReportData } from './report-form';
import { firstAnswerDue } from './status';

export interface SubmitReportInput {
  userId: number;
  /** The form's token: idempotency key of the item and draft token of its photos. */
  token: string;
  communityId: number;
  qrCodeId: number;
  gridId: number | null;
  ruleSet: LoadedRuleSet;
  data: ReportData;
  /** Zone of the tracking number's year (an item filed at 00:30 on 1 January in Shanghai belongs to the new year). */
  timeZone: string;
  now?: Date;
}

export interface SubmitReportResult {
  trackingNo: string;
  submissionId: number;
  /** False when this token had already filed an item (double tap, resent form). */
  created: boolean;
  /** The verify job to hand to the queue after commit; null when nothing new was written. */
  outboxId: number | null;
}

export async function submitReport(db: Db, input: SubmitReportInput): Promise<SubmitReportResult> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    // Two taps of one form arrive together: the lock makes the second wait for the first and then find its row, so the
    // tracking counter never moves for an item that is not kept.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('submit-report'), hashtext(${`${input.userId}:${input.token}`}))`);
    const [existing] = await tx
      .select({ id: submissions.id, trackingNo: submissions.trackingNo })
      .from(submissions)
      .where(and(eq(submissions.authorUserId, input.userId), eq(submissions.idempotencyKey, input.token)));
    if (existing) return { trackingNo: existing.trackingNo, submissionId: existing.id, created: false, outboxId: null };

    const [community] = await tx
      .select({ id: communities.id, trackingPrefix: communities.trackingPrefix })
      .from(communities)
      .where(eq(communities.id, input.communityId));
    const trackingNo = await nextTrackingNo(tx, community, yearIn(now, input.timeZone));
    const d = input.data;
    const [row] = await tx
      .insert(submissions)
      .values({
        communityId: input.communityId,
        trackingNo,
        kind: d.kind,
        categoryKey: d.category.key,
        ruleSetId: input.ruleSet.id,
        description: d.description,
        placeId: d.placeId,
        gridId: input.gridId,
        qrCodeId: input.qrCodeId,
        authorUserId: input.userId,
        anonymous: d.anonymous,
        contactPref: d.contactPref,
        latitude: d.latitude,
        longitude: d.longitude,
        publicWish: d.publicWish,
        idempotencyKey: input.token,
        policeRelated: d.category.police,
        slaDueAt: firstAnswerDue(input.ruleSet.body, now),
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: submissions.id });
    await attachDraftPhotos(tx, { draftToken: input.token, submissionId: row.id, userId: input.userId });
    // The first step of the timeline (已受理). No notification: the author is looking at the receipt.
    await tx.insert(submissionEvents).values({ submissionId: row.id, kind: 'status', toStatus: 'received', public: true, actorUserId: input.userId, createdAt: now });
    const outboxId = await recordJob(tx, 'submission.verify', { submissionId: row.id }, { dedupeKey: `submission.verify:${row.id}` });
    return { trackingNo, submissionId: row.id, created: true, outboxId };
  });
}

const yearFormats = new Map<string, Intl.DateTimeFormat>();

export function yearIn(at: Date, timeZone: string): number {
  // Built once per zone: constructing a DateTimeFormat costs far more than formatting with one.
  let f = yearFormats.get(timeZone);
  if (!f) yearFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' })));
  return Number(f.format(at));
}

/** The item a form token already filed for this author, if any: a repeated post is answered before any photo work. */
export async function findFiledReport(db: Db, input: { userId: number; token: string }): Promise<string | null> {
  const [row] = await db
    .select({ trackingNo: submissions.trackingNo })
    .from(submissions)
    .where(and(eq(submissions.authorUserId, input.userId), eq(submissions.idempotencyKey, input.token)));
  return row?.trackingNo ?? null;
}
