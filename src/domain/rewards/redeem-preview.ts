// The confirmation page's data: what, price, balance after, where and when to collect, and why it cannot be redeemed
// (not enough points, limit reached…) before the resident presses anything.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { pointAccounts } from '../../db/schema';
import type { Msg } from '../errors';
import { loadRedeemable, type RewardItem, type RewardSession } from './redeemable';
import { generateVoucherCode } from './voucher-code';

export interface RedeemPreview {
  item: RewardItem;
  session: RewardSession | null;
  balance: number;
  balanceAfter: number;
  validUntil: Date;
  blocked?: Msg;
  /** One key per confirmation page: a double tap posts it twice and gets one voucher. */
  requestKey: string;
}

export async function redeemPreview(
  db: DbOrTx,
  o: { communityId: number; userId: number; itemId: unknown; sessionId?: unknown; validDays: number; now?: Date },
): Promise<RedeemPreview> {
  const now = o.now ?? new Date();
  const { item, session } = await loadRedeemable(db, { communityId: o.communityId, itemId: o.itemId, sessionId: o.sessionId, now });
  const [acct] = await db
    .select({ b: sql<number>`coalesce(sum(${pointAccounts.balance}), 0)` })
    .from(pointAccounts)
    .where(and(eq(pointAccounts.communityId, o.communityId), eq(pointAccounts.ownerUserId, o.userId), eq(pointAccounts.kind, 'resident')));
  const balance = Number(acct?.b ?? 0);
  const blocked: Msg | undefined =
    balance < item.price ? { key: 'rewards.err.notEnough', params: { price: item.price, available: balance, short: item.price - balance } } : undefined;
  return {
    item, session, balance, balanceAfter: balance - item.price, blocked,
    validUntil: session ? session.endsAt : new Date(now.getTime() + o.validDays * 86_400_000),
    requestKey: `${generateVoucherCode()}${generateVoucherCode()}`,
  };
}
