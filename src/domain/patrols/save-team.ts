// An organiser creates a team of their community: earns points (volunteers) or only tracks hours (property patrol).
import type { DbOrTx } from '../../db/client';
import { teams } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { recordAudit } from '../audit/record-audit';
import { fieldError } from '../errors';
import { longTextRule, nameRule, requireText } from '../text/text-rules';
import { organiserCommunities, requireCommunity } from './organiser-scope';

export async function createTeam(
  db: DbOrTx,
  scope: StaffScope,
  input: { form: Record<string, string>; actorUserId: number; ip?: string | null },
) {
  const communities = organiserCommunities(scope);
  const communityId = input.form.communityId ? Number(input.form.communityId) : communities[0];
  if (!communityId) throw fieldError('communityId', 'patrol.err.noCommunity');
  requireCommunity(scope, communityId);
  const name = requireText(input.form.name, 'name', nameRule(40));
  const description = requireText(input.form.description ?? '', 'description', longTextRule(300, { optional: true }));
  const earnsPoints = input.form.earnsPoints !== 'no';
  return db.transaction(async (tx) => {
    const [team] = await tx.insert(teams).values({ communityId, name, description, earnsPoints, createdBy: input.actorUserId }).returning();
    await recordAudit(tx, { actorUserId: input.actorUserId, communityId, action: 'team.create', targetType: 'team', targetId: team.id, after: { name, earnsPoints }, ip: input.ip });
    return team;
  });
}
