// 志愿服务记录: a person's verified service — credited or hours-only sign-ups (flagged and voided never count) — by
// month, team and activity over a period, and the certificate that records it under an unguessable id anyone can check.
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { communities, serviceCertificates, users } from '../../db/schema';
import { AppError, fieldError } from '../errors';
import { localClock } from '../points/clock';
import { query } from '../points/ledger-sql';
import { maskName } from '../wishes/mask-name';

export interface ServiceLine { month: string; kind: 'patrol' | 'activity'; team: string; title: string; times: number; minutes: number }

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function periodOf(form: { from?: string; to?: string }, now: Date, timeZone: string) {
  const today = localClock(now, timeZone).day;
  const from = (form.from ?? '').trim() || `${today.slice(0, 4)}-01-01`;
  const to = (form.to ?? '').trim() || today;
  if (!DAY.test(from) || Number.isNaN(Date.parse(from))) throw fieldError('from', 'patrol.err.date');
  if (!DAY.test(to) || Number.isNaN(Date.parse(to))) throw fieldError('to', 'patrol.err.date');
  if (to < from) throw fieldError('to', 'patrol.err.untilBeforeFrom');
  return { from, to };
}

/** Verified service between two local dates (inclusive), grouped by month, team and shift title. */
export async function serviceRecord(db: DbOrTx, o: { userId: number; from: string; to: string; timeZone: string }) {
  const rows = await query<{ month: string; kind: 'patrol' | 'activity'; team: string | null; title: string; times: string; minutes: string; community_id: number }>(
    db,
    sql`select to_char(s.starts_at at time zone ${o.timeZone}, 'YYYY-MM') as month, s.kind, t.name as team, s.title, s.community_id,
          count(*) as times, sum(su.credit_minutes) as minutes
        from shift_signups su join shifts s on s.id = su.shift_id left join teams t on t.id = s.team_id
        where su.user_id = ${o.userId} and su.credit_status in ('credited', 'hours_only') and su.credit_minutes > 0
          and (s.starts_at at time zone ${o.timeZone})::date between ${o.from}::date and ${o.to}::date
        group by 1, 2, 3, 4, 5 order by 1, 3, 4`,
  );
  const lines: ServiceLine[] = rows.map((r) => ({ month: r.month, kind: r.kind, team: r.team ?? '全体居民', title: r.title, times: Number(r.times), minutes: Number(r.minutes) }));
  return { lines, minutes: lines.reduce((n, l) => n + l.minutes, 0), communityId: rows[0]?.community_id ?? null };
}

/** Issues a certificate for the period (nothing to certify → a clear refusal); the id is 128 random bits. */
export async function issueCertificate(db: DbOrTx, o: { userId: number; form: { from?: string; to?: string }; now: Date; timeZone: string }) {
  const period = periodOf(o.form, o.now, o.timeZone);
  const rec = await serviceRecord(db, { userId: o.userId, ...period, timeZone: o.timeZone });
  if (rec.minutes <= 0 || rec.communityId === null) throw new AppError('conflict', 'cert.err.nothing');
  const id = randomBytes(16).toString('base64url');
  await db.insert(serviceCertificates).values({ id, userId: o.userId, communityId: rec.communityId, periodFrom: period.from, periodTo: period.to, minutes: rec.minutes, issuedAt: o.now });
  return id;
}

async function certificateRow(db: DbOrTx, rawId: string) {
  if (!/^[A-Za-z0-9_-]{22}$/.test(rawId)) throw new AppError('not_found', 'error.404');
  const [row] = await db
    .select({ cert: serviceCertificates, community: communities.name, name: users.displayName })
    .from(serviceCertificates)
    .innerJoin(communities, eq(communities.id, serviceCertificates.communityId))
    .innerJoin(users, eq(users.id, serviceCertificates.userId))
    .where(eq(serviceCertificates.id, rawId));
  if (!row) throw new AppError('not_found', 'error.404');
  return row;
}

/** The holder's printable certificate: their own only (another person's id reads as not found). */
export async function myCertificate(db: DbOrTx, o: { rawId: string; userId: number; timeZone: string }) {
  const row = await certificateRow(db, o.rawId);
  if (row.cert.userId !== o.userId) throw new AppError('not_found', 'error.404');
  const rec = await serviceRecord(db, { userId: o.userId, from: row.cert.periodFrom, to: row.cert.periodTo, timeZone: o.timeZone });
  return { ...row, lines: rec.lines };
}

/** The public check: masked name, hours, period and community — nothing else about the person. */
export async function checkCertificate(db: DbOrTx, rawId: string) {
  const row = await certificateRow(db, rawId);
  return { maskedName: maskName(row.name) ?? '一位居民', community: row.community, from: row.cert.periodFrom, to: row.cert.periodTo, minutes: row.cert.minutes, issuedAt: row.cert.issuedAt };
}
