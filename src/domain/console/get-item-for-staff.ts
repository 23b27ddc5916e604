// Everything the staff item page shows about one item in the viewer's scope (out of scope reads as not found): the item,
// its author as far as privacy allows, photos, duplicates and similar open items, the full timeline, department requests,
// who handles it (and who handles its grid), and what the viewer may do next.
import { and, asc, desc, eq, ne, notInArray, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import { departmentRequests, departments, grids, places, submissionEvents, submissions, users } from '../../db/schema';
import { hasAnyRole, type StaffScope } from '../auth/staff-scope';
import { listDepartments } from '../departments/list-departments';
import { listGridTeam } from '../grids/grid-team';
import { notFound } from '../errors';
import { listSubmissionPhotos } from '../photos/list-submission-photos';
import { listReplyTemplates } from '../reply-templates/list-reply-templates';
import { loadCategoryLabels } from '../submissions/category-labels';
import { similarity } from '../submissions/similarity';
import { FINAL_STATUSES } from '../submissions/status';
import { staffWhoCover } from './assign-item';
import { availableActions } from './available-actions';
import { coversItem, ITEM_STAFF_ROLES, parseItemId } from './item-access';
import { openDepartmentRequests } from './item-action';

/** Similar open items shown for bulk answers: same community, same category or place, text at least this alike. */
export const SIMILAR_MIN = 0.3;
const SIMILAR_CANDIDATES = 200;
const SIMILAR_SHOWN = 8;

const parent = alias(places, 'parent_place');
const actor = alias(users, 'actor');

export async function getItemForStaff(db: DbOrTx, viewer: { userId: number; scope: StaffScope }, rawId: string) {
  const id = parseItemId(rawId);
  const [row] = await db
    .select({ s: submissions, placeName: places.name, parentName: parent.name, gridName: grids.name, gridCode: grids.code })
    .from(submissions)
    .leftJoin(places, eq(places.id, submissions.placeId))
    .leftJoin(parent, eq(parent.id, places.parentId))
    .leftJoin(grids, eq(grids.id, submissions.gridId))
    .where(eq(submissions.id, id));
  if (!row || !coversItem(viewer.scope, row.s)) throw notFound();
  const s = row.s;

  const [author] = await db.select({ name: users.displayName, phone: users.phone }).from(users).where(eq(users.id, s.authorUserId));
  const assignee = s.assignedUserId ? (await db.select({ name: users.displayName, username: users.username }).from(users).where(eq(users.id, s.assignedUserId)))[0] : undefined;

  const events = await db
    .select({ id: submissionEvents.id, kind: submissionEvents.kind, fromStatus: submissionEvents.fromStatus, toStatus: submissionEvents.toStatus, body: submissionEvents.body, public: submissionEvents.public, createdAt: submissionEvents.createdAt, actorName: actor.displayName, actorKind: actor.kind })
    .from(submissionEvents)
    .leftJoin(actor, eq(actor.id, submissionEvents.actorUserId))
    .where(eq(submissionEvents.submissionId, s.id))
    .orderBy(asc(submissionEvents.id))
    // Residents act on their own items (ratings, reopening): never name them, or an anonymous author would be exposed.
    .then((rows) => rows.map((e) => (e.actorKind === 'resident' ? { ...e, actorName: null } : e)));

  const requests = await db
    .select({ id: departmentRequests.id, department: departments.name, contact: departments.contact, note: departmentRequests.note, routedAt: departmentRequests.routedAt, answer: departmentRequests.answer, answeredAt: departmentRequests.answeredAt })
    .from(departmentRequests)
    .innerJoin(departments, eq(departments.id, departmentRequests.departmentId))
    .where(eq(departmentRequests.submissionId, s.id))
    .orderBy(asc(departmentRequests.id));

  const probable = s.probableDuplicateOfId
    ? (await db.select().from(submissions).where(eq(submissions.id, s.probableDuplicateOfId)))[0]
    : undefined;
  const duplicateOf = s.duplicateOfId ? (await db.select().from(submissions).where(eq(submissions.id, s.duplicateOfId)))[0] : undefined;

  // Similar open items: recent candidates of the same category or place, filtered by scope and ranked by text similarity.
  const candidates = await db
    .select()
    .from(submissions)
    .where(
      and(
        eq(submissions.communityId, s.communityId),
        ne(submissions.id, s.id),
        notInArray(submissions.status, [...FINAL_STATUSES]),
        s.placeId ? or(eq(submissions.categoryKey, s.categoryKey), eq(submissions.placeId, s.placeId)) : eq(submissions.categoryKey, s.categoryKey),
      ),
    )
    .orderBy(desc(submissions.id))
    .limit(SIMILAR_CANDIDATES);
  const similar = candidates
    .filter((c) => coversItem(viewer.scope, c))
    .map((c) => ({ c, score: similarity(s.description, c.description) }))
    .filter((x) => x.score >= SIMILAR_MIN || x.c.id === s.probableDuplicateOfId || x.c.probableDuplicateOfId === s.id)
    .sort((a, b) => b.score - a.score)
    .slice(0, SIMILAR_SHOWN);

  const label = await loadCategoryLabels(db, [s.ruleSetId, ...similar.map((x) => x.c.ruleSetId)]);
  const openRequests = await openDepartmentRequests(db, s.id);
  const brief = (x: typeof s, inScope = coversItem(viewer.scope, x)) => ({ id: x.id, trackingNo: x.trackingNo, status: x.status, description: x.description, version: x.version, inScope });
  // Contact details only when the resident asked to be called or texted; anonymous items reveal nothing about the author.
  const showPhone = !s.anonymous && (s.contactPref === 'phone' || s.contactPref === 'sms');

  return {
    item: {
      id: s.id,
      communityId: s.communityId,
      version: s.version,
      trackingNo: s.trackingNo,
      kind: s.kind,
      categoryKey: s.categoryKey,
      category: label(s.ruleSetId, s.categoryKey),
      status: s.status,
      tier: s.tier,
      policeRelated: s.policeRelated,
      description: s.description,
      place: [row.parentName, row.placeName].filter(Boolean).join(' › '),
      grid: row.gridName ? { name: row.gridName, code: row.gridCode ?? '' } : null,
      location: s.latitude !== null && s.longitude !== null ? { lat: s.latitude, lng: s.longitude } : null,
      createdAt: s.createdAt,
      slaDueAt: s.slaDueAt,
      firstAnsweredAt: s.firstAnsweredAt,
      resolvedAt: s.resolvedAt,
      rating: s.rating,
      ratingComment: s.ratingComment,
      reopenCount: s.reopenCount,
      suggestedPoints: s.suggestedPoints,
      autoRefusal: s.autoRefusal,
      anonymous: s.anonymous,
      author: s.anonymous ? null : { name: author?.name ?? '', phone: showPhone ? (author?.phone ?? null) : null, contactPref: s.contactPref },
      assignee: assignee ? { id: s.assignedUserId!, name: assignee.name || assignee.username || '' } : null,
    },
    photos: await listSubmissionPhotos(db, s.id),
    probableDuplicate: probable ? { ...brief(probable), score: s.probableDuplicateScore } : null,
    duplicateOf: duplicateOf ? brief(duplicateOf) : null,
    similar: similar.map((x) => ({ ...brief(x.c, true), category: label(x.c.ruleSetId, x.c.categoryKey), score: x.score })),
    events,
    requests,
    actions: availableActions(viewer, { ...s, openDepartmentRequests: openRequests }),
    staff: await staffWhoCover(db, s),
    /** Who handles the item's grid (null: the item is in no grid). */
    gridTeam: s.gridId !== null ? (await listGridTeam(db, { id: s.gridId, communityId: s.communityId })).map((m) => ({ ...m, you: m.userId === viewer.userId })) : null,
    departments: await listDepartments(db, s.communityId),
    templates: await listReplyTemplates(db, s.communityId),
    // A police officer who is not also grid staff here handles the item as police: notes default to "仅内部可见".
    policeView: !hasAnyRole(viewer.scope.filter((r) => r.communityId === s.communityId), ITEM_STAFF_ROLES),
  };
}

export type StaffItem = Awaited<ReturnType<typeof getItemForStaff>>;
