// 下架 / 重新上架: residents stop (or start again) seeing an item; vouchers already issued stay valid. Audited.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { rewardItems } from '../../../db/schema';
import { recordAudit } from '../../audit/record-audit';
import { AppError } from '../../errors';
import { parseId } from '../redeemable';

export async function setItemActive(db: DbOrTx, o: { communityId: number; actorUserId: number; itemId: unknown; active: boolean }) {
  const id = parseId(o.itemId);
  if (!id) throw new AppError('not_found', 'rewards.err.itemNotFound');
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(rewardItems).where(and(eq(rewardItems.id, id), eq(rewardItems.communityId, o.communityId)));
    if (!before) throw new AppError('not_found', 'rewards.err.itemNotFound');
    await tx.update(rewardItems).set({ active: o.active }).where(eq(rewardItems.id, id));
    await recordAudit(tx, {
      actorUserId: o.actorUserId, communityId: o.communityId, action: o.active ? 'rewards.item.activate' : 'rewards.item.deactivate',
      targetType: 'reward_item', targetId: id, before: { active: before.active }, after: { active: o.active },
    });
    return before;
  });
}
