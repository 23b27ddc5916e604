// Pure: report months are local months ('YYYY-MM' in the display time zone) with their UTC bounds.
import { localToUtc, utcToLocalInput } from '../time/zoned-local';

export const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const monthOf = (at: Date, timeZone: string) => utcToLocalInput(at, timeZone).slice(0, 7);

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** [start, end) of the local month as UTC instants. */
export function monthRange(month: string, timeZone: string): { start: Date; end: Date } {
  return { start: localToUtc(`${month}-01T00:00`, timeZone)!, end: localToUtc(`${shiftMonth(month, 1)}-01T00:00`, timeZone)! };
}

/** The `n` months ending with `last`, oldest first. */
export const monthsEnding = (last: string, n: number) => Array.from({ length: n }, (_, i) => shiftMonth(last, i - n + 1));
