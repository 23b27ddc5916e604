// PURE: the occurrences of a shift template between two instants. The `rrule` library walks local wall-clock dates
// ("floating" times written as UTC fields), then each date gets the zone's offset, so a 19:00 shift stays 19:00 local
// across month ends; a shift that crosses midnight ends on the next local day.
import rrulePkg from 'rrule';
import { localClock } from '../points/clock';

// rrule ships CommonJS: its named exports are only reachable through the default import under Node's ESM loader.
const { RRule, rrulestr } = rrulePkg;

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Recurrence {
  freq: 'daily' | 'weekly';
  /** Weekly only: the chosen days. */
  byday?: Weekday[];
}

export interface TemplateTimes {
  rrule: string;
  startTime: string;
  endTime: string;
  crossesMidnight: boolean;
  /** Local dates 'YYYY-MM-DD'; validUntil inclusive. */
  validFrom: string;
  validUntil: string | null;
}

export interface Occurrence {
  startsAt: Date;
  endsAt: Date;
  /** The local date the shift starts on. */
  day: string;
}

/** The RRULE text stored on a template (no DTSTART: the template's validFrom and startTime give it). */
export function toRrule(r: Recurrence): string {
  if (r.freq === 'daily') return new RRule({ freq: RRule.DAILY }).toString().replace(/^RRULE:/, '');
  const days = (r.byday ?? []).map((d) => RRule[d]);
  return new RRule({ freq: RRule.WEEKLY, byweekday: days }).toString().replace(/^RRULE:/, '');
}

/** Reads back what toRrule wrote, for the template form. */
export function fromRrule(text: string): Recurrence {
  const o = RRule.parseString(text);
  if (o.freq === RRule.DAILY) return { freq: 'daily' };
  const raw = o.byweekday === undefined || o.byweekday === null ? [] : Array.isArray(o.byweekday) ? o.byweekday : [o.byweekday];
  const byday = raw.map((w) => WEEKDAYS[typeof w === 'number' ? w : (w as { weekday: number }).weekday]);
  return { freq: 'weekly', byday };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const floating = (day: string, minutes: number) => {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y, m - 1, d, 0, minutes);
};
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Local wall time (as floating UTC ms) → the real instant, with the zone's offset at that moment. */
function toInstant(floatingMs: number, timeZone: string): Date {
  // Guess with the offset at the floating instant, then correct once (exact wherever the offset does not change that day).
  const guess = floatingMs - localClock(new Date(floatingMs), timeZone).offsetMs;
  return new Date(floatingMs - localClock(new Date(guess), timeZone).offsetMs);
}

/** Shift length in minutes: end on the next day when it crosses midnight (22:00–02:00 = 240). */
export function durationMinutes(t: Pick<TemplateTimes, 'startTime' | 'endTime' | 'crossesMidnight'>): number {
  const d = minutesOf(t.endTime) - minutesOf(t.startTime);
  return t.crossesMidnight ? d + 24 * 60 : d;
}

/** Occurrences that START in [from, to), in order. */
export function occurrences(t: TemplateTimes, from: Date, to: Date, timeZone: string): Occurrence[] {
  const start = minutesOf(t.startTime);
  const length = durationMinutes(t);
  const rule = rrulestr(t.rrule, { dtstart: new Date(floating(t.validFrom, start)) });
  // Floating bounds one day wider than needed, filtered exactly below on real instants.
  const lo = new Date(from.getTime() + localClock(from, timeZone).offsetMs - 86_400_000);
  const hi = new Date(to.getTime() + localClock(to, timeZone).offsetMs + 86_400_000);
  const until = t.validUntil ? floating(t.validUntil, start) : Infinity;
  const out: Occurrence[] = [];
  for (const f of rule.between(lo, hi, true)) {
    const fm = f.getTime();
    if (fm > until) break;
    const startsAt = toInstant(fm, timeZone);
    if (startsAt < from || startsAt >= to) continue;
    out.push({ startsAt, endsAt: toInstant(fm + length * 60_000, timeZone), day: dayOf(fm) });
  }
  return out;
}
