// The active reply templates of a community, for the item page's reply box (staff pick one, then edit the text).
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { replyTemplates } from '../../db/schema';

export interface ReplyTemplateOption {
  id: number;
  title: string;
  body: string;
}

export function listReplyTemplates(db: DbOrTx, communityId: number): Promise<ReplyTemplateOption[]> {
  return db
    .select({ id: replyTemplates.id, title: replyTemplates.title, body: replyTemplates.body })
    .from(replyTemplates)
    .where(and(eq(replyTemplates.communityId, communityId), eq(replyTemplates.active, true)))
    .orderBy(asc(replyTemplates.id));
}
