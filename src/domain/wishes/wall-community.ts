// Which community's 心愿墙 to show: the one asked for, else the resident's own (home, else where they last reported), else the first.
import { asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { communities, places, submissions, users } from '../../db/schema';

export async function wallCommunity(db: DbOrTx, opts: { requested?: string; userId?: number | null }) {
  const all = await db.select({ id: communities.id, name: communities.name }).from(communities).orderBy(asc(communities.id));
  if (!all.length) return null;
  const byId = (id: number | null | undefined) => all.find((c) => c.id === id);
  let current = opts.requested && /^\d{1,9}$/.test(opts.requested) ? byId(Number(opts.requested)) : undefined;
  if (!current && opts.userId) {
    const [home] = await db
      .select({ communityId: places.communityId })
      .from(users)
      .innerJoin(places, eq(places.id, users.homePlaceId))
      .where(eq(users.id, opts.userId));
    current = byId(home?.communityId);
    if (!current) {
      const [last] = await db
        .select({ communityId: submissions.communityId })
        .from(submissions)
        .where(eq(submissions.authorUserId, opts.userId))
        .orderBy(desc(submissions.id))
        .limit(1);
      current = byId(last?.communityId);
    }
  }
  return { current: current ?? all[0], communities: all };
}
