// Creates or edits a reward item (goods or course). Stock is set only when goods are created (with a 'create' stock
// change); afterwards it moves only through change-stock, so every unit has a recorded reason. Audited.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { rewardItems, rewardStockChanges } from '../../../db/schema';
import { recordAudit } from '../../audit/record-audit';
import { AppError, fieldError } from '../../errors';
import { localClock } from '../../points/clock';
import { longTextRule, nameRule, requireText } from '../../text/text-rules';
import { parseId, type RewardItem } from '../redeemable';
import { localInstant, wholeNumber } from './fields';

export interface ItemForm {
  kind?: string;
  name?: string;
  description?: string;
  price?: string;
  stock?: string;
  monthlyLimit?: string;
  pickup?: string;
  activeFrom?: string;
  activeTo?: string;
}

export async function saveItem(
  db: DbOrTx,
  o: { communityId: number; actorUserId: number; itemId?: unknown; form: ItemForm; photoKey?: string | null; timeZone: string; now?: Date },
): Promise<RewardItem> {
  const f = o.form;
  const now = o.now ?? new Date();
  const offset = localClock(now, o.timeZone).offsetMs;
  const name = requireText(f.name, 'name', nameRule(40));
  const description = requireText(f.description ?? '', 'description', longTextRule(300, { optional: true }));
  const pickup = requireText(f.pickup ?? '', 'pickup', nameRule(100, { optional: true }));
  const price = wholeNumber(f.price, 'price', { min: 1, max: 100_000, key: 'rewards.err.price' })!;
  const day = (raw: string | undefined, field: string) => {
    if (!raw?.trim()) return null;
    const at = localInstant(raw, '00:00', offset);
    if (!at) throw fieldError(field, 'rewards.err.time');
    return at;
  };
  const activeFrom = day(f.activeFrom, 'activeFrom');
  const activeTo = day(f.activeTo, 'activeTo');
  if (activeFrom && activeTo && activeTo <= activeFrom) throw fieldError('activeTo', 'rewards.err.activeRange');
  const fields = { name, description, pickup, price, activeFrom, activeTo, ...(o.photoKey ? { photoKey: o.photoKey } : {}) };
  if (o.itemId !== undefined) {
    const id = parseId(o.itemId);
    if (!id) throw new AppError('not_found', 'rewards.err.itemNotFound');
    return db.transaction(async (tx) => {
      const [before] = await tx.select().from(rewardItems).where(and(eq(rewardItems.id, id), eq(rewardItems.communityId, o.communityId)));
      if (!before) throw new AppError('not_found', 'rewards.err.itemNotFound');
      const monthlyLimit = before.kind === 'goods' ? wholeNumber(f.monthlyLimit, 'monthlyLimit', { min: 1, max: 100, key: 'rewards.err.limit', optional: true }) : null;
      const [after] = await tx.update(rewardItems).set({ ...fields, monthlyLimit }).where(eq(rewardItems.id, id)).returning();
      await recordAudit(tx, {
        actorUserId: o.actorUserId, communityId: o.communityId, action: 'rewards.item.update', targetType: 'reward_item', targetId: id,
        before: { name: before.name, price: before.price, monthlyLimit: before.monthlyLimit, activeFrom: before.activeFrom, activeTo: before.activeTo, pickup: before.pickup },
        after: { name, price, monthlyLimit, activeFrom, activeTo, pickup },
      });
      return after;
    });
  }
  const kind = f.kind === 'course' ? 'course' : f.kind === 'goods' ? 'goods' : null;
  if (!kind) throw fieldError('kind', 'err.form.invalid');
  const stock = kind === 'goods' ? wholeNumber(f.stock, 'stock', { min: 0, max: 100_000, key: 'rewards.err.stock' }) : null;
  const monthlyLimit = kind === 'goods' ? wholeNumber(f.monthlyLimit, 'monthlyLimit', { min: 1, max: 100, key: 'rewards.err.limit', optional: true }) : null;
  return db.transaction(async (tx) => {
    const [item] = await tx.insert(rewardItems).values({ communityId: o.communityId, kind, ...fields, stock, monthlyLimit, createdBy: o.actorUserId }).returning();
    if (stock !== null) {
      await tx.insert(rewardStockChanges).values({ itemId: item.id, delta: stock, before: 0, after: stock, reason: 'create', actorUserId: o.actorUserId });
    }
    await recordAudit(tx, {
      actorUserId: o.actorUserId, communityId: o.communityId, action: 'rewards.item.create', targetType: 'reward_item', targetId: item.id,
      after: { kind, name, price, stock, monthlyLimit },
    });
    return item;
  });
}
