// Local calendar arithmetic for caps, budget periods and patrol night windows: storage is UTC, rules speak local time.
const formats = new Map<string, Intl.DateTimeFormat>();

function format(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    // Building a DateTimeFormat costs far more than using one; awards call this on every request.
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    });
    formats.set(timeZone, f);
  }
  return f;
}

export interface LocalClock {
  /** '2026-11-23' */
  day: string;
  /** '2026-11': the budget period (rule sets budget per month). */
  period: string;
  /** UTC instants where the local day and month begin and end (end exclusive). */
  dayStart: Date;
  dayEnd: Date;
  monthStart: Date;
  monthEnd: Date;
  /** Minutes since local midnight. */
  minuteOfDay: number;
  /** Local time minus UTC, in ms (+8 h for Asia/Shanghai). */
  offsetMs: number;
}

export function localClock(at: Date, timeZone: string): LocalClock {
  const p = Object.fromEntries(format(timeZone).formatToParts(at).map((x) => [x.type, x.value]));
  const [y, m, d, h, mi, s] = [p.year, p.month, p.day, p.hour, p.minute, p.second].map(Number);
  const offsetMs = Date.UTC(y, m - 1, d, h, mi, s) - Math.floor(at.getTime() / 1000) * 1000;
  return {
    day: `${p.year}-${p.month}-${p.day}`,
    period: `${p.year}-${p.month}`,
    dayStart: new Date(Date.UTC(y, m - 1, d) - offsetMs),
    dayEnd: new Date(Date.UTC(y, m - 1, d + 1) - offsetMs),
    monthStart: new Date(Date.UTC(y, m - 1, 1) - offsetMs),
    monthEnd: new Date(Date.UTC(y, m, 1) - offsetMs),
    minuteOfDay: h * 60 + mi,
    offsetMs,
  };
}

/** `at` plus whole months, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29, not Mar 3). */
export function addMonths(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}
