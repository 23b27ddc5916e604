// An admin corrects their community's name, district and population; the 12-digit code is fixed because grid codes embed it.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { communities } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { recordAudit } from '../audit/record-audit';
import { count, parseForm, text } from './fields';
import { managedCommunity } from './managed-community';

export const communityForm = z.object({
  name: text(64),
  district: text(128, { optional: true }),
  population: count({ max: 10_000_000, optional: true }),
});

export async function updateCommunity(db: Db, input: { actorId: number; scope: StaffScope; communityId: number; form: Record<string, string>; ip?: string }) {
  const before = await managedCommunity(db, input.scope, input.communityId);
  const v = parseForm(communityForm, input.form);
  await db.transaction(async (tx) => {
    await tx.update(communities).set(v).where(eq(communities.id, before.id));
    await recordAudit(tx, {
      actorUserId: input.actorId,
      communityId: before.id,
      action: 'community.update',
      targetType: 'community',
      targetId: before.id,
      before: { name: before.name, district: before.district, population: before.population },
      after: v,
      ip: input.ip,
    });
  });
}
