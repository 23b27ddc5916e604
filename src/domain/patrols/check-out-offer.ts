// Check-out by scanning a poster: when the person opening a checkpoint or activity poster is checked in (and not yet
// out) on the shift this code belongs to right now, the poster's page offers 签退 for that shift. Null otherwise.
import type { DbOrTx } from '../../db/client';
import { AppError } from '../errors';
import { findMyShiftAt, type ScannedCode } from './find-my-shift';

export async function checkOutOffer(db: DbOrTx, o: { code: ScannedCode; userId: number; now: Date; windowMinutes: number }): Promise<number | null> {
  try {
    const m = await findMyShiftAt(db, o);
    return m.signup.checkedInAt && !m.signup.checkedOutAt ? m.shift.id : null;
  } catch (err) {
    // "No shift here now" is the ordinary case for a first scan: no offer, and the check-in form explains on submit.
    if (err instanceof AppError) return null;
    throw err;
  }
}
