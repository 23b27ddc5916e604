// The receipt of a just-filed item, for its author only: anyone else (or a made-up number) reads "not found".
import { and, count, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { qrCodes, ruleSets, submissionPhotos, submissions, type SubmissionStatus } from '../../db/schema';
import { notFound } from '../errors';

export interface Receipt {
  trackingNo: string;
  kind: 'tip' | 'wish';
  categoryLabel: string;
  status: SubmissionStatus;
  anonymous: boolean;
  photoCount: number;
  slaDueAt: Date | null;
  createdAt: Date;
  /** The scanned code, for "report another" from the same poster. */
  qrCode: string | null;
}

const TRACKING_NO = /^[A-Z]{2,4}-\d{4}-\d{6,}$/;

export async function getReceipt(db: DbOrTx, input: { trackingNo: string; userId: number }): Promise<Receipt> {
  if (!TRACKING_NO.test(input.trackingNo)) throw notFound();
  const [row] = await db
    .select({
      id: submissions.id,
      trackingNo: submissions.trackingNo,
      kind: submissions.kind,
      categoryKey: submissions.categoryKey,
      status: submissions.status,
      anonymous: submissions.anonymous,
      slaDueAt: submissions.slaDueAt,
      createdAt: submissions.createdAt,
      rules: ruleSets.body,
      qrCode: qrCodes.code,
    })
    .from(submissions)
    .innerJoin(ruleSets, eq(ruleSets.id, submissions.ruleSetId))
    .leftJoin(qrCodes, eq(qrCodes.id, submissions.qrCodeId))
    .where(and(eq(submissions.trackingNo, input.trackingNo), eq(submissions.authorUserId, input.userId)));
  if (!row) throw notFound();
  const [{ n }] = await db.select({ n: count() }).from(submissionPhotos).where(eq(submissionPhotos.submissionId, row.id));
  const categories = (row.rules as { categories?: { key: string; label: string }[] }).categories ?? [];
  return {
    trackingNo: row.trackingNo,
    kind: row.kind,
    categoryLabel: categories.find((c) => c.key === row.categoryKey)?.label ?? row.categoryKey,
    status: row.status,
    anonymous: row.anonymous,
    photoCount: Number(n),
    slaDueAt: row.slaDueAt,
    createdAt: row.createdAt,
    qrCode: row.qrCode,
  };
}
