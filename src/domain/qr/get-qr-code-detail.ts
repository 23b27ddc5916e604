// One code for the admin detail page: where it hangs, its successor or predecessor, and scans per day for the last 30 days.
import { and, desc, eq, gte } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { qrCodes, qrScanDaily } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { SCAN_WINDOW_DAYS } from './list-qr-codes';
import { managedQrCode } from './managed-qr-code';
import { dayIn } from './record-scan';
import { resolveScan } from './resolve-scan';

export async function getQrCodeDetail(db: DbOrTx, scope: StaffScope, id: number, opts: { timeZone: string; now?: Date }) {
  const row = await managedQrCode(db, scope, id);
  const now = opts.now ?? new Date();
  const today = dayIn(opts.timeZone, now);
  const since = dayIn(opts.timeZone, new Date(now.getTime() - (SCAN_WINDOW_DAYS - 1) * 86_400_000));
  const [target, days, [predecessor]] = await Promise.all([
    resolveScan(db, row.code),
    db
      .select({ day: qrScanDaily.day, scans: qrScanDaily.scans })
      .from(qrScanDaily)
      .where(and(eq(qrScanDaily.qrCodeId, row.id), gte(qrScanDaily.day, since)))
      .orderBy(desc(qrScanDaily.day)),
    db.select({ id: qrCodes.id, code: qrCodes.code }).from(qrCodes).where(eq(qrCodes.replacedById, row.id)).limit(1),
  ]);
  const [successor] = row.replacedById
    ? await db.select({ id: qrCodes.id, code: qrCodes.code }).from(qrCodes).where(eq(qrCodes.id, row.replacedById))
    : [];
  return {
    id: row.id,
    code: row.code,
    key: row.key,
    purpose: row.purpose,
    status: row.status,
    label: row.label,
    communityId: row.communityId,
    communityName: target!.communityName,
    place: target!.place,
    createdAt: row.createdAt,
    successor: successor ?? null,
    predecessor: predecessor ?? null,
    days,
    total: days.reduce((n, d) => n + d.scans, 0),
    today: days.find((d) => d.day === today)?.scans ?? 0,
  };
}

export type QrCodeDetail = Awaited<ReturnType<typeof getQrCodeDetail>>;
