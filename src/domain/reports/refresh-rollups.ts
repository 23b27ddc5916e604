// The reports.refresh job: recomputes the rollups (report_*_monthly, ranking_monthly) of a community's months that can
// still change — this month and last — in one transaction per month; a community never rolled up gets its whole history
// once. Each month is a few aggregate queries over that month's rows only, so the cost does not grow with history.
import { eq, min, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { communities, rankingMonthly, reportCategoryMonthly, reportMonthly, reportPatrolMonthly, reportPointsMonthly, reportStaffMonthly, submissions } from '../../db/schema';
import { query } from '../points/ledger-sql';
import { monthOf, monthRange, shiftMonth } from './months';

export async function refreshRollups(db: Db, input: { timeZone: string; now?: Date; communityId?: number; months?: string[] }) {
  const now = input.now ?? new Date();
  const list = input.communityId ? [{ id: input.communityId }] : await db.select({ id: communities.id }).from(communities);
  let refreshed = 0;
  for (const c of list) {
    const months = input.months ?? (await monthsToRefresh(db, c.id, now, input.timeZone));
    for (const month of months) {
      await db.transaction((tx) => refreshMonth(tx, { communityId: c.id, month, timeZone: input.timeZone, now }));
      refreshed++;
    }
  }
  return { refreshed };
}

/** This month and last; every month since the first item when the community has never been rolled up. */
async function monthsToRefresh(db: DbOrTx, communityId: number, now: Date, timeZone: string): Promise<string[]> {
  const current = monthOf(now, timeZone);
  const [done] = await db.select({ n: sql<number>`count(*)` }).from(reportMonthly).where(eq(reportMonthly.communityId, communityId));
  if (Number(done.n) > 0) return [shiftMonth(current, -1), current];
  const [first] = await db.select({ at: min(submissions.createdAt) }).from(submissions).where(eq(submissions.communityId, communityId));
  const firstAt = await earliestActivity(db, communityId, first?.at ?? null);
  const months: string[] = [];
  for (let m = firstAt ? monthOf(firstAt, timeZone) : shiftMonth(current, -1); m <= current; m = shiftMonth(m, 1)) months.push(m);
  return months.length ? months : [current];
}

async function earliestActivity(db: DbOrTx, communityId: number, firstItem: Date | null): Promise<Date | null> {
  const [r] = await query<{ at: string | Date | null }>(db, sql`SELECT min(created_at) AS at FROM point_transfers WHERE community_id = ${communityId}`);
  const firstTransfer = r?.at ? new Date(r.at) : null;
  if (!firstItem) return firstTransfer;
  if (!firstTransfer) return firstItem;
  return firstItem < firstTransfer ? firstItem : firstTransfer;
}

async function refreshMonth(tx: DbOrTx, input: { communityId: number; month: string; timeZone: string; now: Date }) {
  const { communityId: c, month, now } = input;
  const range = monthRange(month, input.timeZone);
  // Raw SQL gets instants as ISO text: postgres.js cannot bind a Date inside sql`` (drizzle's own columns do that for it).
  const start = sql`${range.start.toISOString()}::timestamptz`;
  const end = sql`${range.end.toISOString()}::timestamptz`;
  const at = sql`${now.toISOString()}::timestamptz`;
  for (const table of [reportMonthly, reportCategoryMonthly, reportPointsMonthly, reportStaffMonthly, rankingMonthly, reportPatrolMonthly]) {
    await tx.delete(table).where(sql`${table.communityId} = ${c} AND ${table.month} = ${month}`);
  }
  // Items of the month (by filing time), spam refused by the verification job left out.
  const items = sql`FROM submissions s JOIN rule_sets r ON r.id = s.rule_set_id
    WHERE s.community_id = ${c} AND s.created_at >= ${start} AND s.created_at < ${end} AND s.auto_refusal IS NULL`;
  const closedOut = sql`s.status NOT IN ('rejected', 'duplicate')`;
  const overdue = sql`s.sla_due_at IS NOT NULL AND ${closedOut} AND coalesce(s.resolved_at, ${at}) > s.sla_due_at`;
  const answerMin = sql`extract(epoch FROM s.first_answered_at - s.created_at) / 60`;
  const resolveMin = sql`extract(epoch FROM s.resolved_at - s.created_at) / 60`;
  await tx.execute(sql`
    INSERT INTO report_monthly (community_id, grid_id, month, items, tips, wishes, police, answered_in_sla, resolvable, resolved,
      rated, satisfied, overdue, settled_tier1, settled_tier2, settled_tier3,
      first_answer_p50_min, first_answer_p90_min, resolve_p50_min, resolve_p90_min, refreshed_at)
    SELECT ${c}::int, CASE WHEN GROUPING(s.grid_id) = 1 THEN 0 ELSE coalesce(s.grid_id, -1) END, ${month}::text,
      count(*), count(*) FILTER (WHERE s.kind = 'tip'), count(*) FILTER (WHERE s.kind = 'wish'), count(*) FILTER (WHERE s.police_related),
      count(*) FILTER (WHERE s.first_answered_at IS NOT NULL
        AND s.first_answered_at <= s.created_at + make_interval(hours => (r.body -> 'sla_hours' ->> 'acknowledge')::int)),
      count(*) FILTER (WHERE ${closedOut}), count(*) FILTER (WHERE s.status = 'resolved'),
      count(*) FILTER (WHERE s.rating IS NOT NULL), count(*) FILTER (WHERE s.rating >= 4), count(*) FILTER (WHERE ${overdue}),
      count(*) FILTER (WHERE s.settled_tier = 1), count(*) FILTER (WHERE s.settled_tier = 2), count(*) FILTER (WHERE s.settled_tier = 3),
      percentile_cont(0.5) WITHIN GROUP (ORDER BY ${answerMin}) FILTER (WHERE s.first_answered_at IS NOT NULL),
      percentile_cont(0.9) WITHIN GROUP (ORDER BY ${answerMin}) FILTER (WHERE s.first_answered_at IS NOT NULL),
      percentile_cont(0.5) WITHIN GROUP (ORDER BY ${resolveMin}) FILTER (WHERE s.resolved_at IS NOT NULL AND s.status = 'resolved'),
      percentile_cont(0.9) WITHIN GROUP (ORDER BY ${resolveMin}) FILTER (WHERE s.resolved_at IS NOT NULL AND s.status = 'resolved'),
      ${at}
    ${items}
    GROUP BY GROUPING SETS ((), (s.grid_id))`);
  await tx.execute(sql`
    INSERT INTO report_category_monthly (community_id, grid_id, month, kind, category_key, items)
    SELECT ${c}::int, CASE WHEN GROUPING(s.grid_id) = 1 THEN 0 ELSE coalesce(s.grid_id, -1) END, ${month}::text, s.kind, s.category_key, count(*)
    ${items}
    GROUP BY GROUPING SETS ((s.kind, s.category_key), (s.grid_id, s.kind, s.category_key))`);
  await tx.execute(sql`
    INSERT INTO report_staff_monthly (community_id, month, user_id, handled, answered, overdue, rated, satisfied, first_answer_p50_min)
    SELECT ${c}::int, ${month}::text, s.assigned_user_id, count(*), count(*) FILTER (WHERE s.first_answered_at IS NOT NULL), count(*) FILTER (WHERE ${overdue}),
      count(*) FILTER (WHERE s.rating IS NOT NULL), count(*) FILTER (WHERE s.rating >= 4),
      percentile_cont(0.5) WITHIN GROUP (ORDER BY ${answerMin}) FILTER (WHERE s.first_answered_at IS NOT NULL)
    ${items} AND s.assigned_user_id IS NOT NULL
    GROUP BY s.assigned_user_id`);
  // Points: issued = awards less reversals; the month's fund budget; spent = holds posted to the redemption sink.
  await tx.execute(sql`
    INSERT INTO report_points_monthly (community_id, month, issued, budget, spent)
    SELECT ${c}::int, ${month}::text,
      coalesce(sum(t.amount) FILTER (WHERE t.kind = 'award'), 0) - coalesce(sum(t.amount) FILTER (WHERE t.kind = 'reversal' AND fa.kind = 'resident'), 0),
      coalesce((SELECT sum(b.amount) FROM point_transfers b JOIN point_accounts f ON f.id = b.to_account_id
        WHERE b.community_id = ${c} AND b.kind = 'budget' AND f.kind = 'fund' AND f.period = ${month}), 0),
      coalesce(sum(t.amount) FILTER (WHERE t.kind = 'post' AND ta.kind = 'redemption'), 0)
    FROM point_transfers t
    JOIN point_accounts fa ON fa.id = t.from_account_id
    JOIN point_accounts ta ON ta.id = t.to_account_id
    WHERE t.community_id = ${c} AND t.created_at >= ${start} AND t.created_at < ${end}`);
  // Patrols and activities of the month: confirmed sign-ups, who turned up, no-shows, verified hours.
  await tx.execute(sql`
    INSERT INTO report_patrol_monthly (community_id, month, shifts, signups, attended, no_shows, verified_minutes)
    SELECT ${c}::int, ${month}::text, count(DISTINCT sh.id),
      count(su.id) FILTER (WHERE su.status = 'confirmed'),
      count(su.id) FILTER (WHERE su.status = 'confirmed' AND su.checked_in_at IS NOT NULL),
      count(su.id) FILTER (WHERE su.credit_status = 'no_show'),
      coalesce(sum(su.credit_minutes) FILTER (WHERE su.credit_status IN ('credited', 'hours_only')), 0)
    FROM shifts sh LEFT JOIN shift_signups su ON su.shift_id = sh.id
    WHERE sh.community_id = ${c} AND sh.starts_at >= ${start} AND sh.starts_at < ${end} AND sh.status <> 'cancelled'
    HAVING count(DISTINCT sh.id) > 0`);
  // The public ranking: awards (less their reversals) per resident, for the community and for the grid of their home.
  await tx.execute(sql`
    INSERT INTO ranking_monthly (community_id, grid_id, month, user_id, points, awards)
    SELECT ${c}::int, CASE WHEN GROUPING(g.grid) = 1 THEN 0 ELSE g.grid END, ${month}::text, x.user_id, sum(x.points), sum(x.awards)
    FROM (
      SELECT a.owner_user_id AS user_id, CASE WHEN t.kind = 'award' THEN t.amount ELSE -t.amount END AS points, CASE WHEN t.kind = 'award' THEN 1 ELSE 0 END AS awards
      FROM point_transfers t JOIN point_accounts a ON a.id = CASE WHEN t.kind = 'award' THEN t.to_account_id ELSE t.from_account_id END
      WHERE t.community_id = ${c} AND t.created_at >= ${start} AND t.created_at < ${end} AND a.kind = 'resident'
        AND (t.kind = 'award' OR (t.kind = 'reversal' AND t.from_account_id = a.id))
    ) x
    JOIN users u ON u.id = x.user_id
    LEFT JOIN LATERAL (
      SELECT coalesce(p.grid_id, pp.grid_id, ppp.grid_id) AS grid FROM places p
        LEFT JOIN places pp ON pp.id = p.parent_id LEFT JOIN places ppp ON ppp.id = pp.parent_id
       WHERE p.id = u.home_place_id AND p.community_id = ${c}
    ) g ON true
    GROUP BY GROUPING SETS ((x.user_id), (g.grid, x.user_id))
    HAVING (GROUPING(g.grid) = 1 OR g.grid IS NOT NULL) AND sum(x.points) > 0`);
}
