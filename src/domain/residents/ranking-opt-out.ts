// A resident may keep off the public monthly ranking (我的账户); the ranking reads this at every request, so it applies at once.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { users } from '../../db/schema';

export async function rankingOptOut(db: DbOrTx, userId: number): Promise<boolean> {
  const [u] = await db.select({ optOut: users.rankingOptOut }).from(users).where(eq(users.id, userId));
  return u?.optOut ?? false;
}

/** Only the checkbox's "1" opts out; anything else (absent, "0", junk) means "show me". */
export async function setRankingOptOut(db: DbOrTx, userId: number, raw: string | undefined): Promise<boolean> {
  const optOut = raw === '1';
  await db.update(users).set({ rankingOptOut: optOut }).where(and(eq(users.id, userId), eq(users.kind, 'resident')));
  return optOut;
}
