// The monthly report of a community or one of its grids, read from the rollups only: the figures, the categories,
// points, 12 months of trend and, for grid leaders and admins, each grid worker's performance.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { communities, grids, reportCategoryMonthly, reportMonthly, reportPatrolMonthly, reportPointsMonthly, reportStaffMonthly, users } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { notFound } from '../errors';
import { currentRuleSet } from '../rules/current-rule-set';
import { monthsEnding } from './months';

export const REPORT_ROLES = ['community_admin', 'grid_leader'] as const;
export const TREND_MONTHS = 12;

export type Figures = Omit<typeof reportMonthly.$inferSelect, 'communityId' | 'gridId' | 'month' | 'refreshedAt'>;
const ZERO: Figures = {
  items: 0, tips: 0, wishes: 0, police: 0, answeredInSla: 0, resolvable: 0, resolved: 0, rated: 0, satisfied: 0, overdue: 0,
  settledTier1: 0, settledTier2: 0, settledTier3: 0, firstAnswerP50Min: null, firstAnswerP90Min: null, resolveP50Min: null, resolveP90Min: null,
};

/** A rate as people read it: null when nothing was counted (shown as "—", never as 0 %). */
export const rate = (n: number, of: number) => (of > 0 ? n / of : null);
export const rates = (f: Figures) => ({ response: rate(f.answeredInSla, f.items), resolution: rate(f.resolved, f.resolvable), satisfaction: rate(f.satisfied, f.rated) });

/** Which communities and grids a staff member may report on: admins the whole community, leaders their grids. */
export function reportScope(scope: StaffScope): { communityId: number; communityName: string; gridIds: number[] | null }[] {
  const out = new Map<number, { communityId: number; communityName: string; gridIds: number[] | null }>();
  for (const r of scope) {
    if (!(REPORT_ROLES as readonly string[]).includes(r.role)) continue;
    const had = out.get(r.communityId);
    const gridIds = had?.gridIds === null || r.role === 'community_admin' || r.gridIds === null ? null : [...new Set([...(had?.gridIds ?? []), ...r.gridIds])];
    out.set(r.communityId, { communityId: r.communityId, communityName: r.communityName, gridIds });
  }
  return [...out.values()];
}

export interface MonthlyReport {
  community: { id: number; name: string; code: string };
  /** 0 = the whole community. */
  gridId: number;
  gridName: string | null;
  month: string;
  figures: Figures;
  refreshedAt: Date | null;
  categories: { kind: string; key: string; label: string; items: number }[];
  points: { issued: number; budget: number; spent: number } | null;
  /** Patrols and activities (whole community only): null when none took place. */
  patrols: { shifts: number; signups: number; attended: number; noShows: number; verifiedHours: number } | null;
  trend: { month: string; figures: Figures }[];
  staff: { userId: number; name: string; handled: number; answered: number; overdue: number; rated: number; satisfied: number; firstAnswerP50Min: number | null }[];
  grids: { id: number; name: string }[];
  mayChooseCommunity: boolean;
}

export async function monthlyReport(db: DbOrTx, input: { scope: StaffScope; communityId: number; gridId: number; month: string }): Promise<MonthlyReport> {
  const allowed = reportScope(input.scope).find((r) => r.communityId === input.communityId);
  if (!allowed) throw notFound();
  // A leader of some grids sees those grids, and the community only when their role covers all of it.
  const mayChooseCommunity = allowed.gridIds === null;
  const gridId = input.gridId === 0 && !mayChooseCommunity ? allowed.gridIds![0] ?? -2 : input.gridId;
  if (gridId !== 0 && allowed.gridIds !== null && !allowed.gridIds.includes(gridId)) throw notFound();
  const [community] = await db.select({ id: communities.id, name: communities.name, code: communities.code }).from(communities).where(eq(communities.id, input.communityId));
  if (!community) throw notFound();
  const months = monthsEnding(input.month, TREND_MONTHS);
  const at = and(eq(reportMonthly.communityId, community.id), eq(reportMonthly.gridId, gridId));
  const [trendRows, categoryRows, pointsRow, staffRows, gridRows, rules, patrolRow] = await Promise.all([
    db.select().from(reportMonthly).where(and(at, inArray(reportMonthly.month, months))),
    db.select().from(reportCategoryMonthly).where(and(eq(reportCategoryMonthly.communityId, community.id), eq(reportCategoryMonthly.gridId, gridId), eq(reportCategoryMonthly.month, input.month))).orderBy(asc(reportCategoryMonthly.categoryKey)),
    gridId === 0 ? db.select().from(reportPointsMonthly).where(and(eq(reportPointsMonthly.communityId, community.id), eq(reportPointsMonthly.month, input.month))) : Promise.resolve([]),
    db
      .select({ s: reportStaffMonthly, name: users.displayName, username: users.username })
      .from(reportStaffMonthly)
      .innerJoin(users, eq(users.id, reportStaffMonthly.userId))
      .where(and(eq(reportStaffMonthly.communityId, community.id), eq(reportStaffMonthly.month, input.month), gridId === 0 ? undefined : sql`EXISTS (
        SELECT 1 FROM staff_roles sr LEFT JOIN staff_role_grids srg ON srg.staff_role_id = sr.id
         WHERE sr.user_id = ${reportStaffMonthly.userId} AND sr.community_id = ${community.id} AND (sr.scope = 'community' OR srg.grid_id = ${gridId}))`))
      .orderBy(sql`${reportStaffMonthly.handled} DESC`, asc(users.displayName)),
    db.select({ id: grids.id, name: grids.name }).from(grids).where(eq(grids.communityId, community.id)).orderBy(asc(grids.code)),
    currentRuleSet(db, community.id).catch(() => null),
    gridId === 0 ? db.select().from(reportPatrolMonthly).where(and(eq(reportPatrolMonthly.communityId, community.id), eq(reportPatrolMonthly.month, input.month))) : Promise.resolve([]),
  ]);
  const byMonth = new Map(trendRows.map((r) => [r.month, r]));
  const label = new Map((rules?.body.categories ?? []).map((c) => [c.key, c.label]));
  const strip = (r: typeof reportMonthly.$inferSelect | undefined): Figures => {
    if (!r) return ZERO;
    const { communityId: _c, gridId: _g, month: _m, refreshedAt: _r, ...f } = r;
    return f;
  };
  const current = byMonth.get(input.month);
  return {
    community,
    gridId,
    gridName: gridRows.find((g) => g.id === gridId)?.name ?? null,
    month: input.month,
    figures: strip(current),
    refreshedAt: current?.refreshedAt ?? null,
    categories: categoryRows.map((c) => ({ kind: c.kind, key: c.categoryKey, label: label.get(c.categoryKey) ?? c.categoryKey, items: c.items })),
    points: pointsRow[0] ? { issued: pointsRow[0].issued, budget: pointsRow[0].budget, spent: pointsRow[0].spent } : null,
    patrols: patrolRow[0] ? { shifts: patrolRow[0].shifts, signups: patrolRow[0].signups, attended: patrolRow[0].attended, noShows: patrolRow[0].noShows, verifiedHours: Math.round((patrolRow[0].verifiedMinutes / 60) * 10) / 10 } : null,
    trend: months.map((m) => ({ month: m, figures: strip(byMonth.get(m)) })),
    staff: staffRows.map(({ s, name, username }) => ({ userId: s.userId, name: name || username || '', handled: s.handled, answered: s.answered, overdue: s.overdue, rated: s.rated, satisfied: s.satisfied, firstAnswerP50Min: s.firstAnswerP50Min })),
    grids: allowed.gridIds === null ? gridRows : gridRows.filter((g) => allowed.gridIds!.includes(g.id)),
    mayChooseCommunity,
  };
}
