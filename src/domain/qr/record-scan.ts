// The local day a scan counts for, and the direct one-scan upsert (imports, tests); the web path batches (scan-counter.ts).
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { qrScanDaily } from '../../db/schema';

// Building an Intl.DateTimeFormat costs ~100× a format() call: one per zone, built on first use.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

// Every scan asks for the current day: the answer is kept for the minute (zone offsets are whole minutes).
const lastMinute = new Map<string, { minute: number; day: string }>();

/** "2026-11-23" for the calendar day of `at` in `timeZone`: staff read daily figures in local time, storage stays UTC. */
export function dayIn(timeZone: string, at: Date = new Date()): string {
  const minute = Math.floor(at.getTime() / 60_000);
  const last = lastMinute.get(timeZone);
  if (last?.minute === minute) return last.day;
  let f = dayFormats.get(timeZone);
  // en-CA formats dates as YYYY-MM-DD.
  if (!f) dayFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  const day = f.format(at);
  lastMinute.set(timeZone, { minute, day });
  return day;
}

export async function recordScan(db: DbOrTx, input: { qrCodeId: number; timeZone: string; at?: Date }): Promise<void> {
  await db
    .insert(qrScanDaily)
    .values({ qrCodeId: input.qrCodeId, day: dayIn(input.timeZone, input.at), scans: 1 })
    .onConflictDoUpdate({ target: [qrScanDaily.qrCodeId, qrScanDaily.day], set: { scans: sql`${qrScanDaily.scans} + 1` } });
}
