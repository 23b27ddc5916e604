// The staff work queue: the items a member may see (coversItem in SQL), filtered, sorted by SLA due time, 25 a page,
// with counts per status tab and the options the filter form offers. Anonymous authors never leave the database.
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import { grids, places, submissions, users, type SubmissionStatus } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { listMyGrids } from '../grids/list-my-grids';
import { currentRuleSet } from '../rules/current-rule-set';
import { loadCategoryLabels } from '../submissions/category-labels';
import { FINAL_STATUSES } from '../submissions/status';
import { countByStatus, type TabCounts } from './count-queue';
import { ITEM_STAFF_ROLES } from './item-access';
import { filterSql, policeViewSql, QUEUE_PAGE_SIZE, statusSql, visibleItemsSql, type QueueFilter } from './queue-filter';

export type QueueView = 'queue' | 'police';

export interface QueueRow {
  id: number;
  trackingNo: string;
  kind: 'tip' | 'wish';
  categoryLabel: string;
  status: SubmissionStatus;
  placeName: string | null;
  gridName: string | null;
  slaDueAt: Date | null;
  overdue: boolean;
  tier: number;
  policeRelated: boolean;
  assigneeName: string | null;
  assignedToMe: boolean;
  /** null when the item was filed anonymously. */
  authorName: string | null;
  createdAt: Date;
}

export interface QueueOptions {
  grids: { id: number; name: string }[];
  categories: { key: string; label: string; kind: string }[];
}

export interface QueuePage {
  rows: QueueRow[];
  counts: TabCounts;
  total: number;
  page: number;
  pages: number;
  options: QueueOptions;
}

const assignee = alias(users, 'assignee');
const author = alias(users, 'author');

export async function listQueue(
  db: DbOrTx,
  input: { scope: StaffScope; userId: number; view: QueueView; filter: QueueFilter; now?: Date },
): Promise<QueuePage> {
  const { scope, filter: f } = input;
  const now = input.now ?? new Date();
  const base = baseWhere(input, now);
  const [rows, counts, options] = await Promise.all([queueRowsQuery(db, input, now, base), countByStatus(db, base), queueOptions(db, scope)]);
  const label = await loadCategoryLabels(db, rows.map((r) => r.ruleSetId));
  const total = counts[f.status] ?? 0;
  return {
    rows: rows.map((r) => ({
      id: r.id,
      trackingNo: r.trackingNo,
      kind: r.kind,
      categoryLabel: label(r.ruleSetId, r.categoryKey),
      status: r.status,
      placeName: r.placeName,
      gridName: r.gridName,
      slaDueAt: r.slaDueAt,
      overdue: !!r.slaDueAt && r.slaDueAt < now && !FINAL_STATUSES.includes(r.status),
      tier: r.tier,
      policeRelated: r.policeRelated,
      assigneeName: r.assigneeName,
      assignedToMe: r.assignedUserId === input.userId,
      authorName: r.authorName,
      createdAt: r.createdAt,
    })),
    counts,
    total,
    page: f.page,
    pages: Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)),
    options,
  };
}

/** What the member may see under the filters but the status tab (the tabs count across statuses). */
function baseWhere(input: { scope: StaffScope; userId: number; view: QueueView; filter: QueueFilter }, now: Date): SQL[] {
  return [visibleItemsSql(input.scope), ...(input.view === 'police' ? [policeViewSql(input.scope)] : []), ...filterSql(input.filter, { userId: input.userId, now })];
}

/** The page's rows, as a query not yet run: its plan is tested (an open tab's page must come off an index, unsorted). */
export function queueRowsQuery(
  db: DbOrTx,
  input: { scope: StaffScope; userId: number; view: QueueView; filter: QueueFilter },
  now: Date,
  base: SQL[] = baseWhere(input, now),
) {
  const f = input.filter;
  const status = statusSql(f.status);
  const where = and(...base, ...(status ? [status] : []));
  const final = sql.raw(`(${FINAL_STATUSES.map((s) => `'${s}'`).join(',')})`);
  return db
    .select({
      id: submissions.id,
      trackingNo: submissions.trackingNo,
      kind: submissions.kind,
      ruleSetId: submissions.ruleSetId,
      categoryKey: submissions.categoryKey,
      status: submissions.status,
      placeName: places.name,
      gridName: grids.name,
      slaDueAt: submissions.slaDueAt,
      tier: submissions.tier,
      policeRelated: submissions.policeRelated,
      assignedUserId: submissions.assignedUserId,
      assigneeName: assignee.displayName,
      // Decided in SQL so an anonymous author's name is never even read into the process.
      authorName: sql<string | null>`case when ${submissions.anonymous} then null else ${author.displayName} end`,
      createdAt: submissions.createdAt,
    })
    .from(submissions)
    .leftJoin(places, eq(places.id, submissions.placeId))
    .leftJoin(grids, eq(grids.id, submissions.gridId))
    .leftJoin(assignee, eq(assignee.id, submissions.assignedUserId))
    .leftJoin(author, eq(author.id, submissions.authorUserId))
    .where(where)
    // Open items before answered ones; then the soonest (or longest overdue) deadline first, items without one last.
    // Only the 'all' tab mixes the two: on any other the first key is constant, and leaving it out lets an open tab
    // read its page straight off the open-items index.
    .orderBy(
      ...(f.status === 'all' ? [sql`(${submissions.status} in ${final})`] : []),
      sql`${submissions.slaDueAt} asc nulls last`,
      asc(submissions.createdAt),
      asc(submissions.id),
    )
    .limit(QUEUE_PAGE_SIZE)
    .offset((f.page - 1) * QUEUE_PAGE_SIZE);
}

/** Grids the member covers and the categories of their communities' current rule sets (a community without one adds none). */
async function queueOptions(db: DbOrTx, scope: StaffScope): Promise<QueueOptions> {
  const communityIds = [...new Set(scope.filter((r) => r.role === 'police' || ITEM_STAFF_ROLES.includes(r.role)).map((r) => r.communityId))];
  const [myGrids, ruleSets] = await Promise.all([
    listMyGrids(db, scope.filter((r) => r.role === 'police' || ITEM_STAFF_ROLES.includes(r.role))),
    Promise.all(communityIds.map((id) => currentRuleSet(db, id).catch(() => null))),
  ]);
  const categories = new Map<string, { key: string; label: string; kind: string }>();
  for (const rs of ruleSets) for (const c of rs?.body.categories ?? []) if (!categories.has(c.key)) categories.set(c.key, { key: c.key, label: c.label, kind: c.kind });
  return {
    grids: myGrids.map((g) => ({ id: g.id, name: g.name })),
    categories: [...categories.values()],
  };
}
