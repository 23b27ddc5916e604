// A reply template an admin may change (it belongs to one of their communities); anything else reads as "not found".
import { and, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { communities, replyTemplates } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { notFound } from '../errors';
import { adminCommunities } from '../staff/list-staff';

export async function managedReplyTemplate(db: DbOrTx, scope: StaffScope, id: number) {
  if (!Number.isSafeInteger(id)) throw notFound();
  const [row] = await db
    .select({ template: replyTemplates, community: communities })
    .from(replyTemplates)
    .innerJoin(communities, eq(communities.id, replyTemplates.communityId))
    .where(eq(replyTemplates.id, id))
    .limit(1);
  if (!row || !adminCommunities(scope).includes(row.community.id)) throw notFound();
  return row;
}

/** Same title in the same community, ignoring letter case. */
export async function templateTitleTaken(db: DbOrTx, communityId: number, title: string, exceptId?: number) {
  const same = and(eq(replyTemplates.communityId, communityId), sql`lower(${replyTemplates.title}) = lower(${title})`);
  const [hit] = await db.select({ id: replyTemplates.id }).from(replyTemplates).where(exceptId ? and(same, ne(replyTemplates.id, exceptId)) : same).limit(1);
  return Boolean(hit);
}
