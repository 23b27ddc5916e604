// The resident's balance as their points page reads it (the cached balance on the account row).
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../src/db/client';
import { pointAccounts } from '../../src/db/schema';

export async function residentBalance(db: Db, communityId: number, userId: number): Promise<number> {
  const [a] = await db
    .select({ balance: pointAccounts.balance })
    .from(pointAccounts)
    .where(and(eq(pointAccounts.communityId, communityId), eq(pointAccounts.kind, 'resident'), eq(pointAccounts.ownerUserId, userId)));
  return a?.balance ?? 0;
}
