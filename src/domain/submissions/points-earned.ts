// The points an item earned its author (award, outcome bonus, duplicate credit), read from the ledger, for 我的诉求.
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { pointAccounts, pointTransfers } from '../../db/schema';

export interface PointsEarned {
  amount: number;
  /** The ledger entry page that explains "为什么得到这些积分". */
  href: string;
  at: Date;
}

/** Ledger keys of the payments an item's author can receive for it (see src/domain/points/award-input.ts). */
const keysFor = (submissionId: number) => [`award:submission:${submissionId}`, `award:outcome:${submissionId}`, `award:duplicate:${submissionId}`];

export async function pointsEarnedFor(db: DbOrTx, submissionId: number, authorUserId: number): Promise<PointsEarned[]> {
  const rows = await db
    .select({ id: pointTransfers.id, amount: pointTransfers.amount, at: pointTransfers.createdAt })
    .from(pointTransfers)
    .innerJoin(pointAccounts, eq(pointAccounts.id, pointTransfers.toAccountId))
    .where(and(inArray(pointTransfers.idempotencyKey, keysFor(submissionId)), eq(pointAccounts.ownerUserId, authorUserId), eq(pointAccounts.kind, 'resident')));
  return rows.map((r) => ({ amount: Number(r.amount), href: `/me/points/${r.id}`, at: r.at }));
}
