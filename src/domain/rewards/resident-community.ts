// Which community's 积分超市 a resident shops in: where their points are (their resident account), else their home
// community or where they last reported (the wish wall's rule), else the first community.
import { asc, desc, eq, and } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { communities, pointAccounts } from '../../db/schema';
import { wallCommunity } from '../wishes/wall-community';

export async function residentCommunity(db: DbOrTx, userId: number | null): Promise<{ id: number; name: string } | null> {
  if (userId) {
    // The account with the most points: a resident who moved keeps spending where they earned.
    const [acct] = await db
      .select({ id: communities.id, name: communities.name })
      .from(pointAccounts)
      .innerJoin(communities, eq(communities.id, pointAccounts.communityId))
      .where(and(eq(pointAccounts.ownerUserId, userId), eq(pointAccounts.kind, 'resident')))
      .orderBy(desc(pointAccounts.balance), asc(pointAccounts.id))
      .limit(1);
    if (acct) return acct;
  }
  const wall = await wallCommunity(db, { userId });
  return wall?.current ?? null;
}
