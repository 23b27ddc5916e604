// Adds a session (date, start, end, place, seats) to a course, with its seats recorded as a 'create' change. Audited.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { rewardItems, rewardSessions, rewardStockChanges } from '../../../db/schema';
import { recordAudit } from '../../audit/record-audit';
import { AppError, fieldError } from '../../errors';
import { localClock } from '../../points/clock';
import { nameRule, requireText } from '../../text/text-rules';
import { parseId } from '../redeemable';
import { localInstant, wholeNumber } from './fields';

export async function addSession(
  db: DbOrTx,
  o: { communityId: number; actorUserId: number; itemId: unknown; form: { date?: string; start?: string; end?: string; place?: string; seats?: string }; timeZone: string; now?: Date },
) {
  const now = o.now ?? new Date();
  const offset = localClock(now, o.timeZone).offsetMs;
  const startsAt = localInstant(o.form.date, o.form.start, offset);
  const endsAt = localInstant(o.form.date, o.form.end, offset);
  if (!startsAt || !endsAt || endsAt <= startsAt) throw fieldError('date', 'rewards.err.time');
  if (startsAt <= now) throw fieldError('date', 'rewards.err.sessionPast');
  const place = requireText(o.form.place, 'place', nameRule(60));
  const seats = wholeNumber(o.form.seats, 'seats', { min: 1, max: 1000, key: 'rewards.err.seats' })!;
  const itemId = parseId(o.itemId);
  if (!itemId) throw new AppError('not_found', 'rewards.err.itemNotFound');
  return db.transaction(async (tx) => {
    const [item] = await tx.select().from(rewardItems).where(and(eq(rewardItems.id, itemId), eq(rewardItems.communityId, o.communityId)));
    if (!item) throw new AppError('not_found', 'rewards.err.itemNotFound');
    if (item.kind !== 'course') throw new AppError('conflict', 'rewards.err.notCourse');
    const [s] = await tx.insert(rewardSessions).values({ itemId, startsAt, endsAt, place, seats, seatsLeft: seats }).returning();
    await tx.insert(rewardStockChanges).values({ itemId, sessionId: s.id, delta: seats, before: 0, after: seats, reason: 'create', actorUserId: o.actorUserId });
    await recordAudit(tx, {
      actorUserId: o.actorUserId, communityId: o.communityId, action: 'rewards.session.create', targetType: 'reward_session', targetId: s.id,
      after: { itemId, startsAt, endsAt, place, seats },
    });
    return s;
  });
}
