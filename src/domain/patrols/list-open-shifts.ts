// 我能参加的: the next few shifts and activities a resident may join — their teams' patrols and activities, plus those
// open to everyone in the communities they belong to — with free places and their own sign-up state. A short list.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { query } from '../points/ledger-sql';

export interface OpenShift {
  id: number;
  kind: 'patrol' | 'activity';
  title: string;
  teamName: string | null;
  placeName: string | null;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  confirmed: number;
  status: 'scheduled' | 'cancelled' | 'closed';
  cancelNotice: string | null;
  mine: 'confirmed' | 'waitlisted' | null;
  checkedIn: boolean;
  checkedOut: boolean;
}

interface Row {
  id: number; kind: 'patrol' | 'activity'; title: string; team_name: string | null; place_name: string | null; starts_at: string; ends_at: string;
  capacity: number; confirmed_count: number; status: OpenShift['status']; cancel_notice: string | null; mine: OpenShift['mine'];
  checked_in_at: string | null; checked_out_at: string | null;
}

/** `mineOnly`: just the person's own upcoming sign-ups (我的班次). */
export async function listOpenShifts(db: DbOrTx, o: { userId: number; now: Date; limit?: number; mineOnly?: boolean }): Promise<OpenShift[]> {
  const rows = await query<Row>(
    db,
    sql`with my_teams as (select team_id from team_members where user_id = ${o.userId} and status = 'active'),
        my_communities as (select t.community_id from teams t join my_teams m on m.team_id = t.id
                           union select p.community_id from users u join places p on p.id = u.home_place_id where u.id = ${o.userId})
      select s.id, s.kind, s.title, t.name as team_name, p.name as place_name, s.starts_at, s.ends_at, s.capacity, s.confirmed_count,
             s.status, s.cancel_notice, su.status as mine, su.checked_in_at, su.checked_out_at
      from shifts s
      left join teams t on t.id = s.team_id
      left join places p on p.id = s.place_id
      left join shift_signups su on su.shift_id = s.id and su.user_id = ${o.userId} and su.status <> 'cancelled'
      where s.ends_at > ${o.now.toISOString()}::timestamptz
        and (s.team_id in (select team_id from my_teams) or (s.team_id is null and s.community_id in (select community_id from my_communities)))
        and (${o.mineOnly ?? false}::boolean = false or su.id is not null)
        and (su.id is not null or (s.status = 'scheduled' and s.confirmed_count < s.capacity)
             or (s.status = 'scheduled' and s.starts_at < ${new Date(o.now.getTime() + 2 * 86_400_000).toISOString()}::timestamptz))
      order by s.starts_at, s.id
      limit ${o.limit ?? 12}`,
  );
  return rows.map((r) => ({
    id: r.id, kind: r.kind, title: r.title, teamName: r.team_name, placeName: r.place_name, startsAt: new Date(r.starts_at), endsAt: new Date(r.ends_at),
    capacity: r.capacity, confirmed: r.confirmed_count, status: r.status, cancelNotice: r.cancel_notice, mine: r.mine,
    checkedIn: r.checked_in_at !== null, checkedOut: r.checked_out_at !== null,
  }));
}
