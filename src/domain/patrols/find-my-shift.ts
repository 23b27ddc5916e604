// Which of a person's sign-ups a scanned code belongs to right now: a patrol whose route has this checkpoint, or an
// activity held at this code's place, open for check-in (±window minutes around the shift). Says why when none fits.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { qrCodes, routeStops, shiftSignups, shifts, places } from '../../db/schema';
import { AppError } from '../errors';

export interface ScannedCode {
  id: number;
  communityId: number;
  placeId: number;
  placeName: string;
  purpose: 'patrol_checkpoint' | 'event_checkin';
}

export async function loadScannedCode(db: DbOrTx, rawCode: string | undefined): Promise<ScannedCode> {
  const code = (rawCode ?? '').trim().toUpperCase();
  if (!/^[2-9A-HJKMNP-Z]{13}$/.test(code)) throw new AppError('not_found', 'patrol.err.codeUnknown');
  const [row] = await db
    .select({ id: qrCodes.id, communityId: qrCodes.communityId, placeId: qrCodes.placeId, placeName: places.name, purpose: qrCodes.purpose, status: qrCodes.status })
    .from(qrCodes)
    .leftJoin(places, eq(places.id, qrCodes.placeId))
    .where(eq(qrCodes.code, code));
  if (!row || row.status !== 'active' || row.placeId === null || !(row.purpose === 'patrol_checkpoint' || row.purpose === 'event_checkin')) {
    throw new AppError('not_found', 'patrol.err.codeUnknown');
  }
  return { id: row.id, communityId: row.communityId, placeId: row.placeId, placeName: row.placeName ?? '', purpose: row.purpose };
}

export interface MatchedShift {
  shift: typeof shifts.$inferSelect;
  signup: typeof shiftSignups.$inferSelect;
}

export async function findMyShiftAt(
  db: DbOrTx,
  o: { code: ScannedCode; userId: number; now: Date; windowMinutes: number },
): Promise<MatchedShift> {
  const w = o.windowMinutes * 60_000;
  const mine = await db
    .select({ shift: shifts, signup: shiftSignups })
    .from(shiftSignups)
    .innerJoin(shifts, eq(shifts.id, shiftSignups.shiftId))
    .where(
      and(
        eq(shiftSignups.userId, o.userId),
        eq(shiftSignups.status, 'confirmed'),
        eq(shifts.communityId, o.code.communityId),
        eq(shifts.kind, o.code.purpose === 'patrol_checkpoint' ? 'patrol' : 'activity'),
        // Today's and tomorrow's are enough to explain "too early" / "too late".
        sql`${shifts.startsAt} < ${new Date(o.now.getTime() + 86_400_000).toISOString()}::timestamptz`,
        sql`${shifts.endsAt} > ${new Date(o.now.getTime() - 86_400_000).toISOString()}::timestamptz`,
      ),
    )
    .orderBy(shifts.startsAt);
  if (mine.length === 0) throw new AppError('conflict', 'patrol.err.noShiftNow');
  const here = await atThisPlace(db, mine, o.code);
  if (here.length === 0) throw new AppError('conflict', { key: 'patrol.err.notOnRoute', params: { place: o.code.placeName } });
  const open = here.find((m) => m.shift.status !== 'cancelled' && o.now.getTime() >= m.shift.startsAt.getTime() - w && o.now.getTime() <= m.shift.endsAt.getTime() + w);
  if (!open) throw new AppError('conflict', { key: 'patrol.err.outsideWindow', params: { minutes: o.windowMinutes } });
  return open;
}

async function atThisPlace(db: DbOrTx, mine: MatchedShift[], code: ScannedCode): Promise<MatchedShift[]> {
  if (code.purpose === 'event_checkin') return mine.filter((m) => m.shift.placeId === code.placeId);
  const templateIds = [...new Set(mine.map((m) => m.shift.templateId!).filter(Boolean))];
  if (templateIds.length === 0) return [];
  const stops = await db
    .select({ templateId: routeStops.templateId })
    .from(routeStops)
    .where(and(inArray(routeStops.templateId, templateIds), eq(routeStops.placeId, code.placeId)));
  const onRoute = new Set(stops.map((s) => s.templateId));
  return mine.filter((m) => onRoute.has(m.shift.templateId!));
}
