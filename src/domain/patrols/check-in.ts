// Check-in at a checkpoint poster (patrols) or an activity's event_checkin poster: inside the shift window, once per
// checkpoint, with location, speed and shared-device flags that mark the credit for review but never refuse.
import { and, desc, eq, isNotNull, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { checkIns, placeLocations, shiftSignups } from '../../db/schema';
import { AppError } from '../errors';
import { checkInFlags, type CheckInFlag, type Point } from './check-in-flags';
import { findMyShiftAt, loadScannedCode } from './find-my-shift';

export interface CheckInInput {
  rawCode: string | undefined;
  userId: number;
  now: Date;
  windowMinutes: number;
  location: Point | null;
  deviceId: string | null;
}

export interface CheckInResult {
  shiftId: number;
  placeName: string;
  flags: CheckInFlag[];
  first: boolean;
}

export async function checkIn(db: DbOrTx, input: CheckInInput): Promise<CheckInResult> {
  const code = await loadScannedCode(db, input.rawCode);
  return db.transaction(async (tx) => {
    const { shift, signup } = await findMyShiftAt(tx, { code, userId: input.userId, now: input.now, windowMinutes: input.windowMinutes });
    // The sign-up row is the lock: check-ins, check-out and credit of one person on one shift happen one at a time.
    const [locked] = await tx.select().from(shiftSignups).where(eq(shiftSignups.id, signup.id)).for('update');
    if (locked.checkedOutAt) throw new AppError('conflict', 'patrol.err.alreadyOut');
    const [here] = await tx.select().from(placeLocations).where(eq(placeLocations.placeId, code.placeId));
    const previous = here ? await previousLocatedScan(tx, signup.id) : null;
    const deviceShared = input.deviceId
      ? (await tx
          .select({ one: sql`1` })
          .from(checkIns)
          .where(and(eq(checkIns.shiftId, shift.id), eq(checkIns.placeId, code.placeId), eq(checkIns.deviceId, input.deviceId), ne(checkIns.signupId, signup.id)))
          .limit(1)).length > 0
      : false;
    const flags = checkInFlags({
      checkpoint: here ? { lat: here.lat, lng: here.lng, radiusM: here.radiusM } : null,
      reported: input.location,
      previous,
      at: input.now,
      deviceShared,
    });
    const [made] = await tx
      .insert(checkIns)
      .values({
        signupId: signup.id, shiftId: shift.id, placeId: code.placeId, qrCodeId: code.id, at: input.now,
        lat: input.location?.lat ?? null, lng: input.location?.lng ?? null, deviceId: input.deviceId, flags,
      })
      .onConflictDoNothing()
      .returning({ id: checkIns.id });
    if (!made) throw new AppError('conflict', { key: 'patrol.err.alreadyHere', params: { place: code.placeName } });
    await tx
      .update(shiftSignups)
      .set({
        checkedInAt: locked.checkedInAt ?? input.now,
        flags: flags.length ? sql`array(select distinct unnest(${shiftSignups.flags} || ${sql.param(flags)}::text[]))` : locked.flags,
      })
      .where(eq(shiftSignups.id, signup.id));
    return { shiftId: shift.id, placeName: code.placeName, flags, first: locked.checkedInAt === null };
  });
}

async function previousLocatedScan(tx: DbOrTx, signupId: number): Promise<{ at: Date; place: Point } | null> {
  const [row] = await tx
    .select({ at: checkIns.at, lat: placeLocations.lat, lng: placeLocations.lng })
    .from(checkIns)
    .innerJoin(placeLocations, eq(placeLocations.placeId, checkIns.placeId))
    .where(and(eq(checkIns.signupId, signupId), isNotNull(checkIns.placeId)))
    .orderBy(desc(checkIns.at))
    .limit(1);
  return row ? { at: row.at, place: { lat: row.lat, lng: row.lng } } : null;
}
