// Creates or edits a reply template (title, body) from the admin form; a duplicate title is refused with a readable message.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { replyTemplates } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { recordAudit } from '../audit/record-audit';
import { parseForm, text } from '../communities/fields';
import { longTextRule, textSchema } from '../text/text-rules';
import { managedCommunity, pgCode } from '../communities/managed-community';
import { fieldError } from '../errors';
import { managedReplyTemplate, templateTitleTaken } from './managed-reply-template';

// The body keeps its line breaks (replies are read on phones): the shared long-text rule; the title is a name.
const body = textSchema(longTextRule(500));

export const replyTemplateForm = z.object({ title: text(30), body });

interface SaveInput {
  actorId: number;
  scope: StaffScope;
  form: Record<string, string>;
  ip?: string;
}

export async function createReplyTemplate(db: Db, input: SaveInput & { communityId: number }) {
  const community = await managedCommunity(db, input.scope, input.communityId);
  const v = parseForm(replyTemplateForm, input.form);
  if (await templateTitleTaken(db, community.id, v.title)) throw fieldError('title', 'cq.tpl.err.taken', { title: v.title });
  return db
    .transaction(async (tx) => {
      const [row] = await tx.insert(replyTemplates).values({ communityId: community.id, ...v, createdBy: input.actorId }).returning();
      await recordAudit(tx, { actorUserId: input.actorId, communityId: community.id, action: 'reply_template.create', targetType: 'reply_template', targetId: row.id, after: v, ip: input.ip });
      return row;
    })
    .catch((err) => titleRace(err, v.title));
}

export async function updateReplyTemplate(db: Db, input: SaveInput & { templateId: number }) {
  const { template, community } = await managedReplyTemplate(db, input.scope, input.templateId);
  const v = parseForm(replyTemplateForm, input.form);
  if (await templateTitleTaken(db, community.id, v.title, template.id)) throw fieldError('title', 'cq.tpl.err.taken', { title: v.title });
  return db
    .transaction(async (tx) => {
      const [row] = await tx.update(replyTemplates).set(v).where(eq(replyTemplates.id, template.id)).returning();
      const before = { title: template.title, body: template.body };
      await recordAudit(tx, { actorUserId: input.actorId, communityId: community.id, action: 'reply_template.update', targetType: 'reply_template', targetId: template.id, before, after: v, ip: input.ip });
      return { template: row, community };
    })
    .catch((err) => titleRace(err, v.title));
}

function titleRace(err: unknown, title: string): never {
  if (pgCode(err) === '23505') throw fieldError('title', 'cq.tpl.err.taken', { title });
  throw err;
}
