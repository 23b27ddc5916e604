// Attendance for one local month in the organiser's communities: per team and per person — sign-ups, turned up,
// no-shows and their rate, verified hours and points (flagged and voided credit never counts); and the heat map of
// check-ins per checkpoint × local hour. Read on demand: a month of one community is a few thousand rows.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { StaffScope } from '../auth/staff-scope';
import { AppError } from '../errors';
import { localClock } from '../points/clock';
import { query } from '../points/ledger-sql';
import { organiserCommunities } from './organiser-scope';
import { personLabel } from './person-label';

export interface AttendanceRow {
  teamId: number | null;
  teamName: string;
  userId?: number;
  person?: string;
  signups: number;
  attended: number;
  noShows: number;
  minutes: number;
  points: number;
}

export function monthWindow(raw: string | undefined, now: Date, timeZone: string) {
  const month = raw ?? localClock(now, timeZone).period;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new AppError('validation', 'org.err.month');
  const c = localClock(new Date(`${month}-15T12:00:00Z`), timeZone);
  return { month, from: c.monthStart, to: c.monthEnd };
}

interface Row { team_id: number | null; team_name: string | null; user_id: number; display_name: string; phone: string | null; signups: string; attended: string; no_shows: string; minutes: string; points: string }

export async function attendanceReport(db: DbOrTx, scope: StaffScope, o: { month?: string; now: Date; timeZone: string }) {
  const ids = organiserCommunities(scope);
  const w = monthWindow(o.month, o.now, o.timeZone);
  if (!ids.length) return { ...w, teams: [], people: [], heat: { places: [], hours: [], cells: [] } };
  const idList = sql.join(ids.map((i) => sql`${i}`), sql`, `);
  const rows = await query<Row>(
    db,
    sql`select s.team_id, t.name as team_name, u.id as user_id, u.display_name, u.phone,
          count(*) as signups,
          count(*) filter (where su.checked_in_at is not null) as attended,
          count(*) filter (where su.credit_status = 'no_show') as no_shows,
          coalesce(sum(su.credit_minutes) filter (where su.credit_status in ('credited', 'hours_only')), 0) as minutes,
          coalesce(sum(su.credit_points) filter (where su.credit_status = 'credited'), 0) as points
        from shift_signups su join shifts s on s.id = su.shift_id left join teams t on t.id = s.team_id join users u on u.id = su.user_id
        where s.community_id in (${idList}) and su.status = 'confirmed' and s.status <> 'cancelled'
          and s.starts_at >= ${w.from.toISOString()}::timestamptz and s.starts_at < ${w.to.toISOString()}::timestamptz
        group by s.team_id, t.name, u.id order by t.name nulls last, minutes desc, u.id`,
  );
  const people: AttendanceRow[] = rows.map((r) => ({
    teamId: r.team_id, teamName: r.team_name ?? '全体居民', userId: r.user_id, person: personLabel(r.display_name, r.phone),
    signups: Number(r.signups), attended: Number(r.attended), noShows: Number(r.no_shows), minutes: Number(r.minutes), points: Number(r.points),
  }));
  const byTeam = new Map<string, AttendanceRow>();
  for (const p of people) {
    const k = String(p.teamId);
    const t = byTeam.get(k) ?? { teamId: p.teamId, teamName: p.teamName, signups: 0, attended: 0, noShows: 0, minutes: 0, points: 0 };
    t.signups += p.signups; t.attended += p.attended; t.noShows += p.noShows; t.minutes += p.minutes; t.points += p.points;
    byTeam.set(k, t);
  }
  return { ...w, teams: [...byTeam.values()], people, heat: await heatMap(db, idList, w, o.timeZone) };
}

export interface HeatMap {
  places: { id: number; name: string }[];
  /** Local hours (0–23) that had any check-in, in shift order (evening first, past midnight last). */
  hours: number[];
  cells: { placeId: number; hour: number; scans: number }[];
}

async function heatMap(db: DbOrTx, idList: ReturnType<typeof sql.join>, w: { from: Date; to: Date }, timeZone: string): Promise<HeatMap> {
  const rows = await query<{ place_id: number; name: string; hour: number; scans: string }>(
    db,
    sql`select c.place_id, p.name, extract(hour from c.at at time zone ${timeZone})::int as hour, count(*) as scans
        from check_ins c join shifts s on s.id = c.shift_id join places p on p.id = c.place_id
        where s.community_id in (${idList}) and s.kind = 'patrol' and c.at >= ${w.from.toISOString()}::timestamptz and c.at < ${w.to.toISOString()}::timestamptz
        group by c.place_id, p.name, hour order by c.place_id, hour`,
  );
  const places = [...new Map(rows.map((r) => [r.place_id, { id: r.place_id, name: r.name }])).values()];
  // Hours from noon on first, so a night running 19:00 → 02:00 reads left to right.
  const hours = [...new Set(rows.map((r) => r.hour))].sort((a, b) => ((a + 12) % 24) - ((b + 12) % 24));
  return { places, hours, cells: rows.map((r) => ({ placeId: r.place_id, hour: r.hour, scans: Number(r.scans) })) };
}

export type AttendanceReport = Awaited<ReturnType<typeof attendanceReport>>;

/** CSV columns for the per-person export (the existing CSV writer adds the BOM and neutralises formula cells). */
export const ATTENDANCE_CSV_COLUMNS = [
  { key: 'month', zh: '月份' }, { key: 'team', zh: '队伍' }, { key: 'person', zh: '队员' }, { key: 'signups', zh: '报名次数' },
  { key: 'attended', zh: '到岗次数' }, { key: 'noShows', zh: '未到次数' }, { key: 'noShowRate', zh: '未到率' }, { key: 'hours', zh: '核实时长(小时)' }, { key: 'points', zh: '积分' },
] as const;

export function attendanceCsvRows(r: AttendanceReport) {
  return r.people.map((p) => ({
    month: r.month, team: p.teamName, person: p.person ?? '', signups: p.signups, attended: p.attended, noShows: p.noShows,
    noShowRate: p.signups ? `${Math.round((p.noShows / p.signups) * 100)}%` : '', hours: (Math.round((p.minutes / 60) * 10) / 10).toFixed(1), points: p.points,
  }));
}
