// Parsing the catalog forms' numbers, dates and times: whole numbers only (no "1.5", "1e3", " 3 "), local wall times
// read in the display zone. Each refusal is a field error the form shows beside the field.
import { fieldError } from '../../errors';
import type { MessageKey } from '../../../i18n/messages';

export function wholeNumber(raw: unknown, field: string, o: { min: number; max: number; key: MessageKey; optional?: boolean }): number | null {
  const s = typeof raw === 'string' ? raw.trim() : raw === undefined ? '' : String(raw);
  if (s === '' && o.optional) return null;
  if (!/^[+-]?\d{1,7}$/.test(s)) throw fieldError(field, o.key);
  const n = Number(s);
  if (n < o.min || n > o.max) throw fieldError(field, o.key);
  return n;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** '2026-12-20' + '09:30' in a zone with no DST (China) → the UTC instant; offsetMs is local minus UTC. */
export function localInstant(date: unknown, time: unknown, offsetMs: number): Date | null {
  const d = typeof date === 'string' ? DATE.exec(date.trim()) : null;
  const t = typeof time === 'string' ? TIME.exec(time.trim()) : null;
  if (!d || !t) return null;
  const [y, m, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const utc = Date.UTC(y, m - 1, day, Number(t[1]), Number(t[2]));
  const check = new Date(Date.UTC(y, m - 1, day));
  if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== day) return null; // 2026-02-30
  return new Date(utc - offsetMs);
}
