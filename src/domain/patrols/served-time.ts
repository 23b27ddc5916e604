// PURE: the time a person really served on one shift — check-in to check-out clipped to the shift window. A late
// check-in counts from the check-in, an early check-out up to the check-out; without a check-out only up to the last
// scan we saw (a forgotten check-out earns what the scans prove, never the whole shift).
export interface ServedInput {
  startsAt: Date;
  endsAt: Date;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
  /** Latest scan of any checkpoint (or the check-in itself). */
  lastScanAt: Date | null;
}

export interface Served {
  start: Date;
  end: Date;
  minutes: number;
}

export function servedTime(i: ServedInput): Served | null {
  if (!i.checkedInAt) return null;
  const until = i.checkedOutAt ?? i.lastScanAt;
  if (!until) return null;
  const start = new Date(Math.max(i.checkedInAt.getTime(), i.startsAt.getTime()));
  const end = new Date(Math.min(until.getTime(), i.endsAt.getTime()));
  const minutes = Math.floor((end.getTime() - start.getTime()) / 60_000);
  if (minutes <= 0) return null;
  return { start, end: new Date(start.getTime() + minutes * 60_000), minutes };
}

/** Hours with one decimal, as shown and as credited for activities. */
export const hoursOf = (minutes: number) => Math.round((minutes / 60) * 10) / 10;
