// The admin's QR list: one community's codes, filtered by purpose and status, a page at a time, with recent scan counts.
import { and, asc, count, eq, gte, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { qrCodes, qrScanDaily, QR_PURPOSES, type QrPurpose } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { notFound } from '../errors';
import { adminCommunities } from '../staff/list-staff';
import { p0, p1, p2, p3, placeJoins, placePath, placePathColumns } from './place-path';
import { dayIn } from './record-scan';

export const QR_STATUSES = ['active', 'disabled', 'replaced'] as const;
export type QrStatus = (typeof QR_STATUSES)[number];
export const QR_PAGE_SIZE = 25;
export const SCAN_WINDOW_DAYS = 30;

export interface QrFilter {
  communityId: number;
  purpose?: QrPurpose;
  status?: QrStatus;
  page: number;
}

/** Query-string values outside the known sets are simply "no filter": a typo or an attack never becomes an error page. */
export function parseQrFilter(q: Record<string, string | undefined>, defaultCommunityId: number): QrFilter {
  const pick = <T extends string>(v: string | undefined, allowed: readonly T[]) => (allowed as readonly string[]).includes(v ?? '') ? (v as T) : undefined;
  const page = /^\d{1,5}$/.test(q.page ?? '') && Number(q.page) >= 1 ? Number(q.page) : 1;
  const communityId = /^\d{1,9}$/.test(q.community ?? '') ? Number(q.community) : defaultCommunityId;
  return { communityId, purpose: pick(q.purpose, QR_PURPOSES), status: pick(q.status, QR_STATUSES), page };
}

export async function listQrCodes(db: DbOrTx, scope: StaffScope, filter: QrFilter, opts: { timeZone: string; now?: Date }) {
  if (!adminCommunities(scope).includes(filter.communityId)) throw notFound();
  const now = opts.now ?? new Date();
  const today = dayIn(opts.timeZone, now);
  const since = dayIn(opts.timeZone, new Date(now.getTime() - (SCAN_WINDOW_DAYS - 1) * 86_400_000));
  const scans = db
    .select({
      qrCodeId: qrScanDaily.qrCodeId,
      recent: sql<number>`sum(${qrScanDaily.scans})::int`.as('recent'),
      today: sql<number>`coalesce(sum(${qrScanDaily.scans}) filter (where ${qrScanDaily.day} = ${today}), 0)::int`.as('today'),
    })
    .from(qrScanDaily)
    .where(gte(qrScanDaily.day, since))
    .groupBy(qrScanDaily.qrCodeId)
    .as('scans');

  const where: SQL[] = [eq(qrCodes.communityId, filter.communityId)];
  if (filter.purpose) where.push(eq(qrCodes.purpose, filter.purpose));
  if (filter.status) where.push(eq(qrCodes.status, filter.status));
  const cond = and(...where);

  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: qrCodes.id,
        code: qrCodes.code,
        purpose: qrCodes.purpose,
        label: qrCodes.label,
        status: qrCodes.status,
        scans30: sql<number>`coalesce(${scans.recent}, 0)`,
        scansToday: sql<number>`coalesce(${scans.today}, 0)`,
        ...placePathColumns,
      })
      .from(qrCodes)
      .leftJoin(scans, eq(scans.qrCodeId, qrCodes.id))
      .leftJoin(p0, eq(p0.id, qrCodes.placeId))
      .leftJoin(p1, placeJoins.p0)
      .leftJoin(p2, placeJoins.p1)
      .leftJoin(p3, placeJoins.p2)
      .where(cond)
      .orderBy(asc(qrCodes.id))
      .limit(QR_PAGE_SIZE)
      .offset((filter.page - 1) * QR_PAGE_SIZE),
    db.select({ n: count() }).from(qrCodes).where(cond),
  ]);
  const n = Number(total?.n ?? 0);
  return {
    rows: rows.map(({ n0, n1, n2, n3, ...r }) => ({ ...r, scans30: Number(r.scans30), scansToday: Number(r.scansToday), place: placePath({ n0, n1, n2, n3 }) })),
    total: n,
    page: filter.page,
    pages: Math.max(1, Math.ceil(n / QR_PAGE_SIZE)),
  };
}

export type QrListRow = Awaited<ReturnType<typeof listQrCodes>>['rows'][number];
