// Who may sign up for a shift: patrols are for active members of their team; activities for their team or, without
// one, any resident. Shared by sign-up and the "我能参加的" list. Not a use case itself.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { shiftSignups, shifts, teamMembers, teams } from '../../db/schema';
import { query } from '../points/ledger-sql';

/** No-shows counted over this many days; the rule set's max_no_shows_before_signup_block says how many block. */
export const NO_SHOW_WINDOW_DAYS = 30;

export async function isActiveMember(db: DbOrTx, teamId: number, userId: number): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId), eq(teamMembers.status, 'active')));
  return Boolean(row);
}

/** How many shifts the person missed (signed up, confirmed, never checked in) in the window before `now`. */
export async function recentNoShows(db: DbOrTx, communityId: number, userId: number, now: Date): Promise<number> {
  const since = new Date(now.getTime() - NO_SHOW_WINDOW_DAYS * 86_400_000);
  const [r] = await query<{ n: string }>(
    db,
    sql`select count(*) as n from ${shiftSignups} su join ${shifts} s on s.id = su.shift_id
        where su.user_id = ${userId} and s.community_id = ${communityId} and su.credit_status = 'no_show' and s.starts_at >= ${since.toISOString()}::timestamptz`,
  );
  return Number(r?.n ?? 0);
}

/** The team row of a shift (null for activities open to everyone). */
export async function teamOf(db: DbOrTx, teamId: number | null) {
  if (teamId === null) return null;
  const [t] = await db.select().from(teams).where(eq(teams.id, teamId));
  return t ?? null;
}
