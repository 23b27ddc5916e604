// Vouchers past their validity: goods not collected go back (hold voided, unit returned, status 已过期); a course seat
// not used becomes a no-show — released or forfeited as the rule set says, counting toward the no-show limit — and
// the resident is told in the inbox. One short transaction per voucher; re-runs find nothing left to do.
import { and, asc, eq, lte } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { rewardItems, rewardVouchers } from '../../db/schema';
import { notify } from '../notifications/notify';
import { courseRules, type CourseRules } from './course-rules';
import { settleVoucher } from './settle-voucher';

export interface ExpireVouchersResult {
  expired: number;
  noShows: number;
}

export async function expireVouchers(db: DbOrTx, o: { now?: Date; timeZone: string; limit?: number }): Promise<ExpireVouchersResult> {
  const now = o.now ?? new Date();
  const due = await db
    .select({ id: rewardVouchers.id, communityId: rewardVouchers.communityId, sessionId: rewardVouchers.sessionId, userId: rewardVouchers.userId, price: rewardVouchers.price, itemName: rewardItems.name })
    .from(rewardVouchers)
    .innerJoin(rewardItems, eq(rewardItems.id, rewardVouchers.itemId))
    .where(and(eq(rewardVouchers.status, 'pending'), lte(rewardVouchers.validUntil, now)))
    .orderBy(asc(rewardVouchers.validUntil))
    .limit(o.limit ?? 5000);
  const rules = new Map<number, CourseRules>();
  const result: ExpireVouchersResult = { expired: 0, noShows: 0 };
  for (const v of due) {
    const course = v.sessionId !== null;
    let r = rules.get(v.communityId);
    if (course && !r) rules.set(v.communityId, (r = await courseRules(db, v.communityId, now, o.timeZone)));
    const forfeit = course && r!.noShow === 'forfeit';
    const done = await db.transaction(async (tx) => {
      const s = await settleVoucher(tx, {
        voucherId: v.id, to: course ? 'no_show' : 'expired', hold: forfeit ? 'post' : 'void', returnUnit: !course,
        actorUserId: null, action: course ? 'rewards.no_show' : 'rewards.expire', now,
      });
      if (!s) return false; // handed over or cancelled meanwhile
      await notify(tx, {
        userId: v.userId, kind: course ? 'rewards.no_show' : 'rewards.expired', link: `/me/vouchers/${v.id}`, dedupeKey: `voucher:${v.id}:${course ? 'no_show' : 'expired'}`,
        title: course ? `课程未到场:${v.itemName}` : `兑换码已过期:${v.itemName}`,
        body: forfeit ? `您预约的课程没有签到,按社区规则 ${v.price} 积分不退回。` : course ? `您预约的课程没有签到,${v.price} 积分已退回。多次未到场将暂停预约。` : `兑换码逾期未领取,${v.price} 积分已退回到您的账户。`,
      });
      return true;
    });
    if (done) course ? result.noShows++ : result.expired++;
  }
  return result;
}
