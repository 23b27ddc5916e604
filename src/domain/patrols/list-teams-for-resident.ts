// The teams a resident can see: those of the communities they live in or belong to, with their membership state.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { query } from '../points/ledger-sql';

export interface ResidentTeam {
  id: number;
  name: string;
  description: string;
  earnsPoints: boolean;
  members: number;
  myStatus: 'pending' | 'active' | 'declined' | 'left' | null;
  myRole: 'member' | 'leader' | null;
}

export async function listTeamsForResident(db: DbOrTx, userId: number): Promise<ResidentTeam[]> {
  const rows = await query<{ id: number; name: string; description: string; earns_points: boolean; members: string; status: ResidentTeam['myStatus']; role: ResidentTeam['myRole'] }>(
    db,
    sql`with mine as (select t.community_id from teams t join team_members m on m.team_id = t.id where m.user_id = ${userId}
                      union select p.community_id from users u join places p on p.id = u.home_place_id where u.id = ${userId})
      select t.id, t.name, t.description, t.earns_points,
             (select count(*) from team_members x where x.team_id = t.id and x.status = 'active') as members, m.status, m.role
      from teams t left join team_members m on m.team_id = t.id and m.user_id = ${userId}
      where t.community_id in (select community_id from mine)
      order by t.id`,
  );
  return rows.map((r) => ({ id: r.id, name: r.name, description: r.description, earnsPoints: r.earns_points, members: Number(r.members), myStatus: r.status, myRole: r.role }));
}
