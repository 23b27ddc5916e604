// The clerk's view of one voucher (typed or scanned code): item, masked resident, status and validity. Vouchers of a
// community whose counter the clerk does not work read as missing.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { rewardItems, rewardSessions, rewardVouchers, users, type VoucherStatus } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { AppError } from '../errors';
import { worksCounter } from './counter-access';
import { maskResident } from './mask-resident';
import { parseVoucherCode } from './voucher-code';

export interface CounterVoucher {
  id: number;
  code: string;
  itemName: string;
  kind: 'goods' | 'course';
  resident: string;
  status: VoucherStatus;
  price: number;
  validUntil: Date;
  /** Pending but past its validity (the expiry job will give it back). */
  lapsed: boolean;
  session: { startsAt: Date; place: string } | null;
}

/** By typed/scanned code, or by id (after a refused hand-over, to show the voucher again with the reason). */
export async function lookUpVoucher(db: DbOrTx, o: { scope: StaffScope; code?: unknown; voucherId?: number; now?: Date }): Promise<CounterVoucher> {
  const where = o.voucherId !== undefined ? eq(rewardVouchers.id, o.voucherId) : eq(rewardVouchers.code, parseVoucherCode(o.code));
  const now = o.now ?? new Date();
  const [r] = await db
    .select({
      id: rewardVouchers.id, code: rewardVouchers.code, communityId: rewardVouchers.communityId, itemName: rewardItems.name, kind: rewardItems.kind,
      displayName: users.displayName, phone: users.phone, status: rewardVouchers.status, price: rewardVouchers.price, validUntil: rewardVouchers.validUntil,
      startsAt: rewardSessions.startsAt, place: rewardSessions.place,
    })
    .from(rewardVouchers)
    .innerJoin(rewardItems, eq(rewardItems.id, rewardVouchers.itemId))
    .innerJoin(users, eq(users.id, rewardVouchers.userId))
    .leftJoin(rewardSessions, eq(rewardSessions.id, rewardVouchers.sessionId))
    .where(where);
  if (!r || !worksCounter(o.scope, r.communityId)) throw new AppError('not_found', 'rewards.err.voucherNotFound', { code: { key: 'rewards.err.voucherNotFound' } });
  return {
    id: r.id, code: r.code, itemName: r.itemName, kind: r.kind, resident: maskResident(r.displayName, r.phone), status: r.status, price: r.price,
    validUntil: r.validUntil, lapsed: r.status === 'pending' && r.validUntil <= now,
    session: r.startsAt ? { startsAt: r.startsAt, place: r.place ?? '' } : null,
  };
}
