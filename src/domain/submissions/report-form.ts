// Pure: reads the report form's fields into a checked tip or wish, or per-field messages with everything typed kept for the re-render.
import { CONTACT_PREFS } from '../../db/schema';
import type { Msg } from '../errors';
import type { Category } from '../rules/rule-set-schema';
import { checkDescription } from './description-rules';

export type ReportKind = 'tip' | 'wish';
export type ContactPref = (typeof CONTACT_PREFS)[number];

/** The form as typed: shown again on every round trip (errors, sign-in steps). */
export interface ReportFormValues {
  kind: ReportKind;
  /** A kind was sent but is neither tip nor wish (the radio cannot do that; a hand-made post can). */
  badKind?: boolean;
  category: string;
  description: string;
  place: string;
  anonymous: boolean;
  publicWish: boolean;
  contact: string;
  lat: string;
  lng: string;
}

export interface ReportData {
  kind: ReportKind;
  category: Category;
  description: string;
  placeId: number | null;
  anonymous: boolean;
  contactPref: ContactPref;
  latitude: number | null;
  longitude: number | null;
  publicWish: boolean;
}

const isKind = (v: unknown): v is ReportKind => v === 'tip' || v === 'wish';
const checked = (v: string | undefined) => v === 'on' || v === '1' || v === 'true';
// Long junk in one-line fields is cut for the re-render; only the description is shown (and judged) in full.
const short = (v: string | undefined, max = 40) => (v ?? '').slice(0, max);

export function readReportValues(raw: Record<string, string | undefined>, defaults: { kind?: string; place: string }): ReportFormValues {
  const kind = isKind(raw.kind) ? raw.kind : isKind(defaults.kind) ? defaults.kind : 'tip';
  return {
    kind,
    badKind: raw.kind !== undefined && !isKind(raw.kind),
    category: short(raw.category, 80),
    description: raw.description ?? '',
    place: raw.place === undefined ? defaults.place : short(raw.place),
    anonymous: checked(raw.anonymous),
    publicWish: checked(raw.publicWish),
    contact: short(raw.contact) || 'in_app',
    lat: short(raw.lat),
    lng: short(raw.lng),
  };
}

export function checkReport(
  v: ReportFormValues,
  ctx: { categories: readonly Category[]; placeIds: ReadonlySet<number> },
): { ok: true; data: ReportData } | { ok: false; fields: Record<string, Msg> } {
  const fields: Record<string, Msg> = {};
  if (v.badKind) fields.kind = { key: 'report.err.kind' };
  const category = ctx.categories.find((c) => c.key === v.category);
  if (!category) fields.category = { key: 'report.err.category' };
  else if (category.kind !== v.kind) fields.category = { key: 'report.err.categoryKind' };

  const description = checkDescription(v.description);
  if (!description.ok) fields.description = description.error;

  let placeId: number | null = null;
  if (v.place !== '') {
    placeId = /^[1-9]\d{0,9}$/.test(v.place) ? Number(v.place) : NaN;
    if (!ctx.placeIds.has(placeId)) fields.place = { key: 'report.err.place' };
  }

  const contactPref = CONTACT_PREFS.find((p) => p === v.contact);
  if (!contactPref) fields.contact = { key: 'report.err.contact' };
  // Staff never see an anonymous author's phone, so they could not call them.
  else if (v.anonymous && contactPref === 'phone') fields.contact = { key: 'report.err.anonPhone' };

  const location = readLocation(v.lat, v.lng);
  if (location === 'invalid') fields.location = { key: 'report.err.location' };

  if (Object.keys(fields).length || !category || !description.ok || !contactPref || location === 'invalid') return { ok: false, fields };
  return {
    ok: true,
    data: {
      kind: v.kind,
      category,
      description: description.value,
      placeId,
      anonymous: v.anonymous,
      contactPref,
      latitude: location?.lat ?? null,
      longitude: location?.lng ?? null,
      // The 心愿墙 shows wishes only; a tip is never public whatever the form says.
      publicWish: v.kind === 'wish' && v.publicWish,
    },
  };
}

function readLocation(lat: string, lng: string): { lat: number; lng: number } | null | 'invalid' {
  if (lat === '' && lng === '') return null;
  const num = /^-?\d{1,3}(\.\d{1,10})?$/;
  if (!num.test(lat) || !num.test(lng)) return 'invalid';
  const a = Number(lat);
  const b = Number(lng);
  return Math.abs(a) <= 90 && Math.abs(b) <= 180 ? { lat: a, lng: b } : 'invalid';
}
