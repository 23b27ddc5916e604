// 我的诉求: the signed-in resident's own tips and wishes, newest first, 20 per page.
import { count, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { submissions, type SubmissionStatus } from '../../db/schema';
import { loadCategoryLabels } from './category-labels';
import { offsetOf, RESIDENT_PAGE_SIZE, residentPaged } from './resident-page';

export interface MySubmissionRow {
  trackingNo: string;
  kind: 'tip' | 'wish';
  category: string;
  /** The start of the description, so the resident recognises the item. */
  excerpt: string;
  status: SubmissionStatus;
  createdAt: Date;
  updatedAt: Date;
}

const EXCERPT = 60;

export async function listMySubmissions(db: DbOrTx, userId: number, page: number) {
  const mine = eq(submissions.authorUserId, userId);
  const [{ n }] = await db.select({ n: count() }).from(submissions).where(mine);
  const rows = await db
    .select({
      trackingNo: submissions.trackingNo,
      kind: submissions.kind,
      ruleSetId: submissions.ruleSetId,
      categoryKey: submissions.categoryKey,
      description: submissions.description,
      status: submissions.status,
      createdAt: submissions.createdAt,
      updatedAt: submissions.updatedAt,
    })
    .from(submissions)
    .where(mine)
    .orderBy(desc(submissions.createdAt), desc(submissions.id))
    .limit(RESIDENT_PAGE_SIZE)
    .offset(offsetOf(page));
  const label = await loadCategoryLabels(db, rows.map((r) => r.ruleSetId));
  const out: MySubmissionRow[] = rows.map((r) => ({
    trackingNo: r.trackingNo,
    kind: r.kind,
    category: label(r.ruleSetId, r.categoryKey),
    excerpt: Array.from(r.description).length > EXCERPT ? `${Array.from(r.description).slice(0, EXCERPT).join('')}…` : r.description,
    status: r.status,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }));
  return residentPaged(out, n, page);
}
