// PURE: a shift template form → validated values, with a field error per problem (a Chinese message beside the field).
import { fieldError } from '../errors';
import { nameRule, requireText } from '../text/text-rules';
import { toRrule, WEEKDAYS, type Weekday } from './recurrence';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface TemplateValues {
  teamId: number;
  title: string;
  rrule: string;
  startTime: string;
  endTime: string;
  crossesMidnight: boolean;
  validFrom: string;
  validUntil: string | null;
  capacity: number;
  minCheckpoints: number;
  /** Checkpoint place ids in route order. */
  route: number[];
}

const isRealDay = (d: string) => DAY.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;

export function parseTemplateForm(form: Record<string, string>): TemplateValues {
  const teamId = Number(form.teamId);
  if (!Number.isSafeInteger(teamId) || teamId <= 0) throw fieldError('teamId', 'patrol.err.team');
  const title = requireText(form.title, 'title', nameRule(40));
  const freq = form.freq === 'weekly' ? 'weekly' : form.freq === 'daily' ? 'daily' : null;
  if (!freq) throw fieldError('freq', 'patrol.err.freq');
  const byday = WEEKDAYS.filter((d) => form[`day_${d}`]) as Weekday[];
  if (freq === 'weekly' && byday.length === 0) throw fieldError('freq', 'patrol.err.byday');
  const startTime = (form.startTime ?? '').trim();
  const endTime = (form.endTime ?? '').trim();
  if (!TIME.test(startTime)) throw fieldError('startTime', 'patrol.err.time');
  if (!TIME.test(endTime)) throw fieldError('endTime', 'patrol.err.time');
  const crossesMidnight = Boolean(form.crossesMidnight);
  if (!crossesMidnight && endTime <= startTime) throw fieldError('endTime', 'patrol.err.endBeforeStart');
  if (crossesMidnight && endTime > startTime) throw fieldError('endTime', 'patrol.err.tooLong');
  const validFrom = (form.validFrom ?? '').trim();
  if (!isRealDay(validFrom)) throw fieldError('validFrom', 'patrol.err.date');
  const until = (form.validUntil ?? '').trim();
  if (until && !isRealDay(until)) throw fieldError('validUntil', 'patrol.err.date');
  if (until && until < validFrom) throw fieldError('validUntil', 'patrol.err.untilBeforeFrom');
  const capacity = Number(form.capacity);
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 1000) throw fieldError('capacity', 'patrol.err.capacity');
  const route = Object.entries(form)
    .filter(([k, v]) => k.startsWith('pos_') && v.trim() !== '')
    .map(([k, v]) => ({ placeId: Number(k.slice(4)), pos: Number(v) }))
    .filter((s) => Number.isSafeInteger(s.placeId) && Number.isFinite(s.pos))
    .sort((a, b) => a.pos - b.pos)
    .map((s) => s.placeId);
  const minCheckpoints = form.minCheckpoints ? Number(form.minCheckpoints) : route.length;
  if (!Number.isInteger(minCheckpoints) || minCheckpoints < 0 || minCheckpoints > route.length) throw fieldError('minCheckpoints', 'patrol.err.minCheckpoints');
  return { teamId, title, rrule: toRrule({ freq, byday }), startTime, endTime, crossesMidnight, validFrom, validUntil: until || null, capacity, minCheckpoints, route };
}
