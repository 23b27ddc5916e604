// Deactivates or reactivates a reply template: inactive ones leave the item page's picker; replies already sent are unchanged.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { replyTemplates } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { recordAudit } from '../audit/record-audit';
import { managedReplyTemplate } from './managed-reply-template';

export async function setReplyTemplateActive(db: Db, input: { actorId: number; scope: StaffScope; templateId: number; active: boolean; ip?: string }) {
  const { template, community } = await managedReplyTemplate(db, input.scope, input.templateId);
  if (template.active === input.active) return { template, community };
  await db.transaction(async (tx) => {
    await tx.update(replyTemplates).set({ active: input.active }).where(eq(replyTemplates.id, template.id));
    await recordAudit(tx, {
      actorUserId: input.actorId, communityId: community.id, action: input.active ? 'reply_template.activate' : 'reply_template.deactivate',
      targetType: 'reply_template', targetId: template.id, before: { active: template.active }, after: { active: input.active }, ip: input.ip,
    });
  });
  return { template: { ...template, active: input.active }, community };
}
