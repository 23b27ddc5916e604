// Wall-clock times typed in a form (<input type="datetime-local">, "2026-12-03T19:00") are in the community's display
// time zone; the database keeps UTC. Pure; formatters are built once per zone (building one per call is costly).
const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallClock(at: Date, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const p = Object.fromEntries(partsFormatter(timeZone).formatToParts(at).map((x) => [x.type, x.value]));
  return { y: Number(p.year), mo: Number(p.month), d: Number(p.day), h: Number(p.hour), mi: Number(p.minute), s: Number(p.second) };
}

/** Minutes the zone is ahead of UTC at that instant (+480 for Asia/Shanghai). */
export function zoneOffsetMinutes(at: Date, timeZone: string): number {
  const w = wallClock(at, timeZone);
  return Math.round((Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/;

/** "2026-12-03T19:00" in timeZone → the UTC instant; null when it is not such a string or not a real date. */
export function localToUtc(local: string, timeZone: string): Date | null {
  const m = LOCAL.exec(local.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(guess);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null;
  // Twice: the offset at the guessed instant may differ from the offset at the answer (zones with DST).
  let at = guess - zoneOffsetMinutes(new Date(guess), timeZone) * 60_000;
  at = guess - zoneOffsetMinutes(new Date(at), timeZone) * 60_000;
  return new Date(at);
}

/** The UTC instant as "YYYY-MM-DDTHH:mm" on the zone's wall clock, for a datetime-local input's value. */
export function utcToLocalInput(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${w.y}-${p(w.mo)}-${p(w.d)}T${p(w.h)}:${p(w.mi)}`;
}
