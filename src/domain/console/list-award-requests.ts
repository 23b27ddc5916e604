// 积分审批: awards above the threshold waiting for a second approver, in the grids a grid leader or admin covers.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { pointAwardRequests, submissions, users, type StaffRole } from '../../db/schema';
import { coversGrid, type StaffScope } from '../auth/staff-scope';
import { loadCategoryLabels } from '../submissions/category-labels';

export const APPROVER_ROLES: readonly StaffRole[] = ['grid_leader', 'community_admin'];

/** An item with no grid (or a patrol/activity award) belongs to approvers of the whole community. */
export function coversRequest(scope: StaffScope, r: { communityId: number; gridId: number | null }): boolean {
  if (r.gridId === null) return scope.some((x) => APPROVER_ROLES.includes(x.role) && x.communityId === r.communityId && x.gridIds === null);
  return coversGrid(scope, { id: r.gridId, communityId: r.communityId }, APPROVER_ROLES);
}

/** The submission a request pays for, read from its stored input (patrol and activity awards have none). */
export const requestSubmissionId = sql<number | null>`(${pointAwardRequests.input}->'contribution'->>'submissionId')::int`;

const LIMIT = 200;

export async function listAwardRequests(db: DbOrTx, scope: StaffScope, actorUserId: number) {
  const communityIds = [...new Set(scope.filter((r) => APPROVER_ROLES.includes(r.role)).map((r) => r.communityId))];
  if (!communityIds.length) return [];
  const rows = await db
    .select({
      id: pointAwardRequests.id, communityId: pointAwardRequests.communityId, amount: pointAwardRequests.amount, input: pointAwardRequests.input,
      requestedBy: pointAwardRequests.requestedBy, requesterName: users.displayName, createdAt: pointAwardRequests.createdAt,
      itemId: submissions.id, trackingNo: submissions.trackingNo, gridId: submissions.gridId, categoryKey: submissions.categoryKey,
      ruleSetId: submissions.ruleSetId, description: submissions.description, authorUserId: submissions.authorUserId,
    })
    .from(pointAwardRequests)
    .innerJoin(users, eq(users.id, pointAwardRequests.requestedBy))
    .leftJoin(submissions, eq(submissions.id, requestSubmissionId))
    .where(and(inArray(pointAwardRequests.communityId, communityIds), eq(pointAwardRequests.status, 'pending')))
    .orderBy(asc(pointAwardRequests.createdAt), asc(pointAwardRequests.id))
    .limit(LIMIT);
  const label = await loadCategoryLabels(db, rows.flatMap((r) => (r.ruleSetId === null ? [] : [r.ruleSetId])));
  return rows
    .filter((r) => coversRequest(scope, { communityId: r.communityId, gridId: r.gridId }))
    .map((r) => {
      const input = r.input as { contribution?: { kind?: string }; note?: string | null };
      return {
        id: r.id, amount: Number(r.amount), requesterName: r.requesterName, createdAt: r.createdAt, note: input.note ?? '',
        kind: input.contribution?.kind ?? 'submission',
        item: r.itemId === null ? null : { id: r.itemId, trackingNo: r.trackingNo!, category: label(r.ruleSetId!, r.categoryKey!), description: r.description! },
        // The same two refusals decideAwardRequest gives; the author's id itself never leaves (anonymous tips).
        blocked: r.requestedBy === actorUserId ? ('own_request' as const) : r.authorUserId === actorUserId ? ('own_item' as const) : null,
      };
    });
}

export type AwardRequestRow = Awaited<ReturnType<typeof listAwardRequests>>[number];
