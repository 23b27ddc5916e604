// The public monthly ranking (积分考核公示排名), read from ranking_monthly: residents with at least MIN_AWARDS awards
// who have not opted out, names masked (张**, or 居民 and the phone's last 4 digits), equal points sharing a place.
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { communities, grids, teams } from '../../db/schema';
import { notFound } from '../errors';
import { maskName } from '../wishes/mask-name';
import { query } from '../points/ledger-sql';
import { shiftMonth } from './months';

/** Fewer awards than this and one lucky tip would top the board: participation first. */
export const RANKING_MIN_AWARDS = 2;
export const RANKING_SIZE = 50;

export interface RankingRow {
  place: number;
  name: string | null;
  /** Shown when the resident set no 称呼. */
  last4: string | null;
  points: number;
}

/**
 * `month` null = the default: this month, or last month while this one has nobody ranked yet (the first days of a month),
 * so a QR poster never opens on an empty board.
 */
export async function publicRanking(db: DbOrTx, input: { communityCode: string; month: string | null; current: string; gridId: number; teamId?: number }) {
  if (!/^\d{6,15}$/.test(input.communityCode)) throw notFound();
  const [community] = await db.select({ id: communities.id, name: communities.name, code: communities.code }).from(communities).where(eq(communities.code, input.communityCode));
  if (!community) throw notFound();
  const gridList = await db.select({ id: grids.id, name: grids.name }).from(grids).where(eq(grids.communityId, community.id)).orderBy(grids.code);
  if (input.gridId !== 0 && !gridList.some((g) => g.id === input.gridId)) throw notFound();
  const teamList = await db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.communityId, community.id)).orderBy(teams.name);
  const teamId = input.teamId ?? 0;
  if (teamId !== 0 && !teamList.some((t) => t.id === teamId)) throw notFound();
  // A team's board ranks its active members by their points in the community that month (the community rows).
  const gridId = teamId ? 0 : input.gridId;
  const inTeam = teamId ? sql`AND EXISTS (SELECT 1 FROM team_members tm WHERE tm.team_id = ${teamId} AND tm.user_id = r.user_id AND tm.status = 'active')` : sql``;
  const month = input.month ?? ((await rankedCount(db, community.id, input.current, gridId)) > 0 ? input.current : shiftMonth(input.current, -1));
  // Read from the top of the (community, month, grid, points) index and stop at RANKING_SIZE: no window over the
  // whole month's residents. Places are then exact for these rows: equal points share the place of the first of them.
  const top = await query<{ display_name: string; phone: string | null; points: number }>(db, sql`
    SELECT u.display_name, u.phone, r.points::int AS points
      FROM ranking_monthly r JOIN users u ON u.id = r.user_id
     WHERE r.community_id = ${community.id} AND r.month = ${month} AND r.grid_id = ${gridId} ${inTeam}
       AND r.awards >= ${RANKING_MIN_AWARDS} AND NOT u.ranking_opt_out AND u.disabled_at IS NULL
     ORDER BY r.points DESC, r.user_id DESC
     LIMIT ${RANKING_SIZE}`);
  const rows = top.map((r) => ({ ...r, points: Number(r.points) }));
  const places: number[] = [];
  rows.forEach((r, i) => places.push(i > 0 && r.points === rows[i - 1].points ? places[i - 1] : i + 1));
  return {
    community,
    grids: gridList,
    teams: teamList,
    gridId,
    teamId,
    month,
    rows: rows.map((r, i): RankingRow => ({ place: places[i], name: maskName(r.display_name), last4: r.display_name.trim() ? null : (r.phone ?? '').slice(-4), points: Number(r.points) })),
  };
}

async function rankedCount(db: DbOrTx, communityId: number, month: string, gridId: number): Promise<number> {
  // Only whether anyone is ranked: one index probe, not a count of the month.
  const r = await query<{ one: number }>(db, sql`SELECT 1 AS one FROM ranking_monthly WHERE community_id = ${communityId} AND month = ${month} AND grid_id = ${gridId} AND awards >= ${RANKING_MIN_AWARDS} LIMIT 1`);
  return r.length;
}
