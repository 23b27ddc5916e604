// An organiser announces a one-off volunteer activity (clean-up, fire drill, visiting elderly residents): place, time,
// capacity, open to one team or to every resident. Check-in is through the place's event_checkin poster.
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { places, shifts } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { recordAudit } from '../audit/record-audit';
import { fieldError } from '../errors';
import { localClock } from '../points/clock';
import { longTextRule, nameRule, requireText } from '../text/text-rules';
import { managedTeam, organiserCommunities, requireCommunity } from './organiser-scope';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** 'YYYY-MM-DDTHH:MM' (datetime-local) in the display zone → instant. */
export function localInput(raw: string | undefined, field: string, timeZone: string): Date {
  const m = LOCAL.exec((raw ?? '').trim());
  if (!m) throw fieldError(field, 'patrol.err.datetime');
  const floating = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  if (Number.isNaN(floating) || new Date(floating).getUTCDate() !== +m[3]) throw fieldError(field, 'patrol.err.datetime');
  return new Date(floating - localClock(new Date(floating), timeZone).offsetMs);
}

export async function createActivity(
  db: DbOrTx,
  scope: StaffScope,
  input: { form: Record<string, string>; actorUserId: number; now: Date; timeZone: string; ip?: string | null },
) {
  const f = input.form;
  const team = f.teamId ? await managedTeam(db, scope, f.teamId) : null;
  const communityId = team?.communityId ?? Number(f.communityId || organiserCommunities(scope)[0]);
  requireCommunity(scope, communityId);
  const title = requireText(f.title, 'title', nameRule(40));
  const description = requireText(f.description ?? '', 'description', longTextRule(500, { optional: true }));
  const placeId = Number(f.placeId);
  const [place] = Number.isSafeInteger(placeId) ? await db.select().from(places).where(and(eq(places.id, placeId), eq(places.communityId, communityId))) : [];
  if (!place) throw fieldError('placeId', 'patrol.err.place');
  const startsAt = localInput(f.startsAt, 'startsAt', input.timeZone);
  const endsAt = localInput(f.endsAt, 'endsAt', input.timeZone);
  if (endsAt <= startsAt) throw fieldError('endsAt', 'patrol.err.endBeforeStart');
  if (endsAt.getTime() - startsAt.getTime() > 12 * 3_600_000) throw fieldError('endsAt', 'patrol.err.tooLong');
  if (endsAt <= input.now) throw fieldError('startsAt', 'patrol.err.past');
  const capacity = Number(f.capacity);
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 1000) throw fieldError('capacity', 'patrol.err.capacity');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(shifts)
      .values({
        communityId, kind: 'activity', teamId: team?.id ?? null, title, description, placeId, startsAt, endsAt, capacity,
        leaderSecret: randomBytes(16).toString('hex'), createdBy: input.actorUserId,
      })
      .returning();
    await recordAudit(tx, { actorUserId: input.actorUserId, communityId, action: 'activity.create', targetType: 'shift', targetId: row.id, after: { title, placeId, capacity, teamId: team?.id ?? null }, ip: input.ip });
    return row;
  });
}
