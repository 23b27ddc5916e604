// 确认发放 at the counter: the clerk confirms a pending voucher, its hold is posted to the redemption sink. For a course
// seat this is the attendance tick of its session (the hold is posted when the resident first turns up).
// Two clerks confirming at once: the voucher's conditional status update lets exactly one through.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { rewardSessions, rewardVouchers } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { AppError } from '../errors';
import { localClock } from '../points/clock';
import { takesAttendance, worksCounter } from './counter-access';
import { notPendingKey, settleVoucher, type Voucher } from './settle-voucher';
import { parseVoucherCode } from './voucher-code';

export interface HandOverInput {
  actorUserId: number;
  scope: StaffScope;
  /** Typed or scanned code (or the voucher id from the attendance list). */
  code?: unknown;
  voucherId?: number;
  timeZone: string;
  now?: Date;
}

export async function handOver(db: DbOrTx, input: HandOverInput): Promise<Voucher> {
  const now = input.now ?? new Date();
  const where = input.voucherId !== undefined ? eq(rewardVouchers.id, input.voucherId) : eq(rewardVouchers.code, parseVoucherCode(input.code));
  return db.transaction(async (tx) => {
    const [v] = await tx.select().from(rewardVouchers).where(where);
    // Organisers may tick course attendance; goods are handed over by the counter's staff only.
    const allowed = v && (v.sessionId ? takesAttendance(input.scope, v.communityId) : worksCounter(input.scope, v.communityId));
    if (!v || !allowed) throw new AppError('not_found', 'rewards.err.voucherNotFound');
    if (v.status !== 'pending') throw new AppError('conflict', notPendingKey(v.status));
    if (v.validUntil <= now) throw new AppError('conflict', 'rewards.err.expired');
    if (v.sessionId) {
      const [s] = await tx.select({ startsAt: rewardSessions.startsAt }).from(rewardSessions).where(eq(rewardSessions.id, v.sessionId));
      // Attendance is ticked on the session's own day, not days before it.
      if (localClock(s.startsAt, input.timeZone).day > localClock(now, input.timeZone).day) throw new AppError('conflict', 'rewards.err.sessionNotYet');
    }
    const action = v.sessionId ? 'rewards.attend' : 'rewards.hand_over';
    const done = await settleVoucher(tx, { voucherId: v.id, to: 'handed_over', hold: 'post', returnUnit: false, actorUserId: input.actorUserId, action, now });
    if (!done) throw new AppError('conflict', 'rewards.err.alreadyHandedOver');
    return done;
  });
}
