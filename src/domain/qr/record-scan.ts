// Counts one scan of a code for the day (in the display zone): a single upsert, no personal data at all.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { qrScanDaily } from '../../db/schema';

/** "2026-11-23" for the calendar day of `at` in `timeZone`: staff read daily figures in local time, storage stays UTC. */
export function dayIn(timeZone: string, at: Date = new Date()): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export async function recordScan(db: DbOrTx, input: { qrCodeId: number; timeZone: string; at?: Date }): Promise<void> {
  await db
    .insert(qrScanDaily)
    .values({ qrCodeId: input.qrCodeId, day: dayIn(input.timeZone, input.at), scans: 1 })
    .onConflictDoUpdate({ target: [qrScanDaily.qrCodeId, qrScanDaily.day], set: { scans: sql`${qrScanDaily.scans} + 1` } });
}
