// Every reply template of a community, active first, for the admin page (the item page uses list-reply-templates: active only).
import { asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { replyTemplates } from '../../db/schema';

export type ReplyTemplateRow = typeof replyTemplates.$inferSelect;

export function listCommunityReplyTemplates(db: DbOrTx, communityId: number): Promise<ReplyTemplateRow[]> {
  return db.select().from(replyTemplates).where(eq(replyTemplates.communityId, communityId)).orderBy(desc(replyTemplates.active), asc(replyTemplates.id));
}
