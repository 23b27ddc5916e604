// 我的兑换: the signed-in resident's vouchers (newest first) and one voucher with its QR; another resident's reads as missing.
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { rewardItems, rewardSessions, rewardVouchers, type VoucherStatus } from '../../db/schema';
import { AppError } from '../errors';
import { qrPath } from '../qr/poster/qr-matrix';
import { parseId } from './redeemable';
import { voucherUrl } from './voucher-code';

export interface VoucherRow {
  id: number;
  code: string;
  status: VoucherStatus;
  price: number;
  itemName: string;
  kind: 'goods' | 'course';
  pickup: string;
  validUntil: Date;
  createdAt: Date;
  session: { startsAt: Date; endsAt: Date; place: string } | null;
}

const columns = {
  id: rewardVouchers.id, code: rewardVouchers.code, status: rewardVouchers.status, price: rewardVouchers.price,
  itemName: rewardItems.name, kind: rewardItems.kind, pickup: rewardItems.pickup, validUntil: rewardVouchers.validUntil, createdAt: rewardVouchers.createdAt,
  startsAt: rewardSessions.startsAt, endsAt: rewardSessions.endsAt, place: rewardSessions.place,
};

type Raw = { [K in keyof typeof columns]: unknown };
const toRow = (r: Raw): VoucherRow => ({
  id: r.id as number, code: r.code as string, status: r.status as VoucherStatus, price: r.price as number, itemName: r.itemName as string,
  kind: r.kind as 'goods' | 'course', pickup: r.pickup as string, validUntil: r.validUntil as Date, createdAt: r.createdAt as Date,
  session: r.startsAt ? { startsAt: r.startsAt as Date, endsAt: r.endsAt as Date, place: r.place as string } : null,
});

export async function listMyVouchers(db: DbOrTx, userId: number, limit = 100): Promise<VoucherRow[]> {
  const rows = await db
    .select(columns)
    .from(rewardVouchers)
    .innerJoin(rewardItems, eq(rewardItems.id, rewardVouchers.itemId))
    .leftJoin(rewardSessions, eq(rewardSessions.id, rewardVouchers.sessionId))
    .where(eq(rewardVouchers.userId, userId))
    .orderBy(desc(rewardVouchers.createdAt), desc(rewardVouchers.id))
    .limit(limit);
  return rows.map(toRow);
}

export interface MyVoucher extends VoucherRow {
  /** SVG path of the QR (a 240-unit square, quiet zone included) holding the counter URL with the code. */
  qr: string;
}

export async function getMyVoucher(db: DbOrTx, o: { userId: number; voucherId: unknown; baseUrl: string }): Promise<MyVoucher> {
  const id = parseId(o.voucherId);
  if (!id) throw new AppError('not_found', 'rewards.err.voucherNotFound');
  const [r] = await db
    .select(columns)
    .from(rewardVouchers)
    .innerJoin(rewardItems, eq(rewardItems.id, rewardVouchers.itemId))
    .leftJoin(rewardSessions, eq(rewardSessions.id, rewardVouchers.sessionId))
    .where(and(eq(rewardVouchers.id, id), eq(rewardVouchers.userId, o.userId)));
  if (!r) throw new AppError('not_found', 'rewards.err.voucherNotFound');
  const row = toRow(r);
  return { ...row, qr: qrPath(voucherUrl(o.baseUrl, row.code), 0, 0, 240).d };
}
