// Public facts about the communities this installation serves (names only), for the landing page.
import { asc } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { communities } from '../../db/schema';

export const listCommunities = (db: DbOrTx) =>
  db.select({ name: communities.name, district: communities.district }).from(communities).orderBy(asc(communities.id)).limit(20);
