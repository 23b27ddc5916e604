// The work queue's filters, read from a query string, and the SQL they become — including coversItem as a WHERE clause.
import { and, eq, ilike, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { submissions, SUBMISSION_STATUSES, type SubmissionStatus } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { FINAL_STATUSES } from '../submissions/status';
import { ITEM_STAFF_ROLES } from './item-access';

export const QUEUE_PAGE_SIZE = 25;
/** 'open' = every status that still needs work (the default tab); 'all' includes answered items. */
export type StatusTab = 'open' | 'all' | SubmissionStatus;
export const STATUS_TABS: readonly StatusTab[] = ['open', ...SUBMISSION_STATUSES.filter((s) => !FINAL_STATUSES.includes(s)), ...FINAL_STATUSES, 'all'];

export interface QueueFilter {
  status: StatusTab;
  kind: '' | 'tip' | 'wish';
  category: string;
  grid: number | null;
  police: boolean;
  overdue: boolean;
  tier: 0 | 1 | 2 | 3;
  assigned: '' | 'me' | 'none';
  /** The search box: a tracking number or words of the text (each word must appear). '' = no search. */
  q: string;
  page: number;
}

/** Longest search kept; anything beyond is cut, never refused (the filters never error). */
export const QUEUE_SEARCH_MAX = 40;

/** NFKC (full-width digits and letters typed on a Chinese keyboard), spaces collapsed, cut to QUEUE_SEARCH_MAX. */
export function normalizeSearch(raw: string): string {
  return raw.normalize('NFKC').replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, QUEUE_SEARCH_MAX).trim();
}

/** "QY-2026-000123", "qy 2026 123" or "QY2026000123" → "QY-2026-000123"; null when the text is not a tracking number. */
export function trackingNoOf(q: string): string | null {
  const m = /^([A-Za-z]{1,8})[\s-]*(\d{4})[\s-]*(\d{1,6})$/.exec(q);
  return m ? `${m[1].toUpperCase()}-${m[2]}-${m[3].padStart(6, '0')}` : null;
}

/** Anything odd in the query ("tier=9", "grid=1;drop", "page=-1") reads as "no filter", never as an error. */
export function queueFilterOf(q: (name: string) => string | undefined): QueueFilter {
  const v = (name: string) => (q(name) ?? '').trim();
  const status = v('status');
  const tier = Number(v('tier'));
  const grid = v('grid');
  const page = v('page');
  return {
    status: (STATUS_TABS as readonly string[]).includes(status) ? (status as StatusTab) : 'open',
    kind: v('kind') === 'tip' || v('kind') === 'wish' ? (v('kind') as 'tip' | 'wish') : '',
    category: /^[a-z][a-z0-9_.]{0,63}$/.test(v('category')) ? v('category') : '',
    grid: /^\d{1,9}$/.test(grid) ? Number(grid) : null,
    police: v('police') === '1',
    overdue: v('overdue') === '1',
    tier: tier === 1 || tier === 2 || tier === 3 ? tier : 0,
    assigned: v('assigned') === 'me' || v('assigned') === 'none' ? (v('assigned') as 'me' | 'none') : '',
    q: normalizeSearch(q('q') ?? ''),
    page: /^\d{1,5}$/.test(page) && Number(page) >= 1 ? Number(page) : 1,
  };
}

/** The filter as query parameters (defaults left out), for tab, pager and URL building. */
export function filterParams(f: QueueFilter): Record<string, string | number | null> {
  return {
    status: f.status === 'open' ? null : f.status,
    kind: f.kind,
    category: f.category,
    grid: f.grid,
    police: f.police ? 1 : null,
    overdue: f.overdue ? 1 : null,
    tier: f.tier || null,
    assigned: f.assigned,
    q: f.q,
    page: f.page,
  };
}

const uniq = <T>(xs: T[]) => [...new Set(xs)];

/** coversItem (item-access.ts) as SQL: the same rule, so the list never shows what the item page would refuse. */
export function visibleItemsSql(scope: StaffScope): SQL {
  const conds: SQL[] = [];
  const police = uniq(scope.filter((r) => r.role === 'police').map((r) => r.communityId));
  if (police.length) conds.push(and(inArray(submissions.communityId, police), or(eq(submissions.policeRelated, true), eq(submissions.tier, 3)))!);
  const staff = scope.filter((r) => ITEM_STAFF_ROLES.includes(r.role));
  const whole = uniq(staff.filter((r) => r.gridIds === null).map((r) => r.communityId));
  if (whole.length) conds.push(inArray(submissions.communityId, whole));
  const byCommunity = new Map<number, number[]>();
  for (const r of staff) if (r.gridIds && !whole.includes(r.communityId)) byCommunity.set(r.communityId, [...(byCommunity.get(r.communityId) ?? []), ...r.gridIds]);
  for (const [communityId, gridIds] of byCommunity) {
    if (gridIds.length) conds.push(and(eq(submissions.communityId, communityId), inArray(submissions.gridId, uniq(gridIds)))!);
  }
  return conds.length ? or(...conds)! : sql`false`;
}

/** The police view (/staff/police): police-related items and tier-3 escalations of the communities where one is police. */
export function policeViewSql(scope: StaffScope): SQL {
  const police = uniq(scope.filter((r) => r.role === 'police').map((r) => r.communityId));
  if (!police.length) return sql`false`;
  return and(inArray(submissions.communityId, police), or(eq(submissions.policeRelated, true), eq(submissions.tier, 3)))!;
}

/** A literal list, not parameters: the planner matches the partial indexes on open items in every plan, generic ones too. */
export const openSql = () => sql.raw(`"submissions"."status" not in (${FINAL_STATUSES.map((s) => `'${s}'`).join(', ')})`);

export function statusSql(tab: StatusTab): SQL | undefined {
  if (tab === 'all') return undefined;
  if (tab === 'open') return openSql();
  return eq(submissions.status, tab);
}

/** Every filter but the status tab (the tabs show counts across statuses for the same filters). */
export function filterSql(f: QueueFilter, ctx: { userId: number; now: Date }): SQL[] {
  const c: SQL[] = [];
  if (f.kind) c.push(eq(submissions.kind, f.kind));
  if (f.category) c.push(eq(submissions.categoryKey, f.category));
  if (f.grid !== null) c.push(eq(submissions.gridId, f.grid));
  if (f.police) c.push(eq(submissions.policeRelated, true));
  if (f.overdue) c.push(and(lt(submissions.slaDueAt, ctx.now), openSql())!);
  if (f.tier) c.push(eq(submissions.tier, f.tier));
  if (f.assigned === 'me') c.push(eq(submissions.assignedUserId, ctx.userId));
  if (f.assigned === 'none') c.push(isNull(submissions.assignedUserId));
  if (f.q) c.push(searchSql(f.q));
  return c;
}

/** LIKE's own wildcards typed by a worker ("100%") are literal text. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/**
 * A tracking number matches that item; otherwise every word must appear in the text or the tracking number.
 * Never the author: searching a name must not find (and so confirm the author of) an anonymous item.
 */
function searchSql(q: string): SQL {
  const tracking = trackingNoOf(q);
  if (tracking) return eq(submissions.trackingNo, tracking);
  const words = q.split(' ').filter(Boolean);
  return and(...words.map((w) => or(ilike(submissions.description, `%${likeEscape(w)}%`), ilike(submissions.trackingNo, `%${likeEscape(w)}%`))!))!;
}

/** Does the scope hold any role that works items (and so gets the queue and the open count)? */
export const worksItems = (scope: StaffScope) => scope.some((r) => r.role === 'police' || ITEM_STAFF_ROLES.includes(r.role));
