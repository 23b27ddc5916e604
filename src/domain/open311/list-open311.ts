// Open311 GeoReport v2 reads: the services (the communities' current non-police, non-private categories) and the
// requests (items open data may show, see open311-scope.ts) with the standard filters. Locations are the courtyard
// and the community only: no coordinates, no building, no photo, no name.
import { and, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { communities, departmentRequests, departments, submissions } from '../../db/schema';
import { p0, p1, p2, p3, placeJoins } from '../qr/place-path';
import { currentRuleSet } from '../rules/current-rule-set';
import { loadCategoryLabels } from '../submissions/category-labels';
import { FINAL_STATUSES } from '../submissions/status';
import { scrubPersonalData, w3cDatetime, type Open311Request, type Open311Service } from './open311-format';
import { open311VisibleSql, PRIVATE_TIP_CATEGORIES } from './open311-scope';

/** The standard's defaults: the last 90 days, at most 1000 requests per answer. */
export const DEFAULT_WINDOW_DAYS = 90;
export const MAX_REQUESTS = 1000;

export interface RequestFilter {
  jurisdiction?: string;
  ids?: string[];
  serviceCode?: string;
  start?: Date;
  end?: Date;
  status?: 'open' | 'closed';
}

const courtyard = sql<string | null>`CASE WHEN ${p0.kind} = 'courtyard' THEN ${p0.name} WHEN ${p1.kind} = 'courtyard' THEN ${p1.name}
  WHEN ${p2.kind} = 'courtyard' THEN ${p2.name} WHEN ${p3.kind} = 'courtyard' THEN ${p3.name} END`;
const courtyardId = sql<number | null>`CASE WHEN ${p0.kind} = 'courtyard' THEN ${p0.id} WHEN ${p1.kind} = 'courtyard' THEN ${p1.id}
  WHEN ${p2.kind} = 'courtyard' THEN ${p2.id} WHEN ${p3.kind} = 'courtyard' THEN ${p3.id} END`;

export async function listOpen311Requests(db: DbOrTx, input: { filter: RequestFilter; timeZone: string; now?: Date }): Promise<Open311Request[]> {
  const f = input.filter;
  const now = input.now ?? new Date();
  const conds: SQL[] = [open311VisibleSql()];
  if (f.jurisdiction) conds.push(eq(communities.code, f.jurisdiction));
  if (f.ids?.length) {
    conds.push(inArray(submissions.trackingNo, f.ids));
  } else {
    // Without ids the standard's window applies: the last 90 days unless dates are given.
    const end = f.end ?? now;
    const start = f.start ?? new Date(end.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000);
    conds.push(gte(submissions.createdAt, start), lte(submissions.createdAt, end));
    if (f.serviceCode) conds.push(eq(submissions.categoryKey, f.serviceCode));
    if (f.status === 'closed') conds.push(inArray(submissions.status, [...FINAL_STATUSES]));
    if (f.status === 'open') conds.push(sql`${submissions.status} NOT IN (${sql.join(FINAL_STATUSES.map((s) => sql`${s}`), sql`, `)})`);
  }
  const rows = await db
    .select({
      trackingNo: submissions.trackingNo,
      kind: submissions.kind,
      status: submissions.status,
      ruleSetId: submissions.ruleSetId,
      categoryKey: submissions.categoryKey,
      description: submissions.description,
      communityName: communities.name,
      courtyard,
      courtyardId,
      createdAt: submissions.createdAt,
      updatedAt: submissions.updatedAt,
      slaDueAt: submissions.slaDueAt,
      department: sql<string | null>`(SELECT ${departments.name} FROM ${departmentRequests} JOIN ${departments} ON ${departments.id} = ${departmentRequests.departmentId}
        WHERE ${departmentRequests.submissionId} = ${submissions.id} ORDER BY ${departmentRequests.routedAt} DESC LIMIT 1)`,
    })
    .from(submissions)
    .innerJoin(communities, eq(communities.id, submissions.communityId))
    .leftJoin(p0, eq(p0.id, submissions.placeId))
    .leftJoin(p1, placeJoins.p0)
    .leftJoin(p2, placeJoins.p1)
    .leftJoin(p3, placeJoins.p2)
    .where(and(...conds))
    .orderBy(desc(submissions.createdAt), desc(submissions.id))
    .limit(MAX_REQUESTS);
  const label = await loadCategoryLabels(db, [...new Set(rows.map((r) => r.ruleSetId))]);
  const tz = input.timeZone;
  return rows.map((r) => {
    const closed = FINAL_STATUSES.includes(r.status);
    const name = label(r.ruleSetId, r.categoryKey);
    return {
      service_request_id: r.trackingNo,
      status: closed ? 'closed' : 'open',
      status_notes: STATUS_NOTES[r.status] ?? null,
      service_name: name,
      service_code: r.categoryKey,
      // A public wish's text is already on the 心愿墙 (scrubbed here of numbers people typed); a tip's text is not public.
      description: r.kind === 'wish' ? scrubPersonalData(r.description) : name,
      agency_responsible: r.department ?? r.communityName,
      requested_datetime: w3cDatetime(r.createdAt, tz),
      updated_datetime: w3cDatetime(r.updatedAt, tz),
      expected_datetime: r.slaDueAt && !closed ? w3cDatetime(r.slaDueAt, tz) : null,
      address: [r.communityName, r.courtyard].filter(Boolean).join(' '),
      address_id: r.courtyardId === null ? null : String(r.courtyardId),
    };
  });
}

/** Plain Chinese status notes; never staff's reply texts, which may name people. */
const STATUS_NOTES: Partial<Record<string, string>> = {
  pending_review: '待审核',
  accepted: '已采纳',
  routed: '已转派',
  in_progress: '处理中',
  resolved: '已办结',
  duplicate: '重复反映,已合并处理',
};

export async function listOpen311Services(db: DbOrTx, input: { jurisdiction?: string }): Promise<Open311Service[]> {
  const rows = await db.select({ id: communities.id }).from(communities).where(input.jurisdiction ? eq(communities.code, input.jurisdiction) : undefined);
  const ruleSets = await Promise.all(rows.map((c) => currentRuleSet(db, c.id).catch(() => null)));
  const services = new Map<string, Open311Service>();
  for (const rs of ruleSets) {
    for (const c of rs?.body.categories ?? []) {
      if (c.police || (PRIVATE_TIP_CATEGORIES as readonly string[]).includes(c.key) || services.has(c.key)) continue;
      services.set(c.key, {
        service_code: c.key,
        service_name: c.label,
        description: c.hint ?? c.label,
        metadata: false,
        type: 'realtime',
        keywords: '',
        group: c.kind === 'wish' ? '心愿' : '线索',
      });
    }
  }
  return [...services.values()];
}
