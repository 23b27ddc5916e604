// What makes a place valid: its key, kind and the tree rule courtyard → building → unit (checkpoints, counters, others under either).
import { z } from 'zod';
import { choice, count, gridCode, text } from '../communities/fields';
import type { places } from '../../db/schema';

export type PlaceKind = (typeof places.$inferSelect)['kind'];
export const PLACE_KINDS = ['courtyard', 'building', 'unit', 'checkpoint', 'counter', 'other'] as const satisfies readonly PlaceKind[];
const KIND_LABELS: Record<string, PlaceKind> = {
  院落: 'courtyard', 小区: 'courtyard', 楼栋: 'building', 楼: 'building', 单元: 'unit',
  巡逻点: 'checkpoint', 兑换点: 'counter', 积分兑换点: 'counter', 其他: 'other',
};

/** Which parent kinds each kind may hang under; `null` means "top level". Ranks only go down, so no cycle can form. */
const PARENTS: Record<PlaceKind, readonly (PlaceKind | null)[]> = {
  courtyard: [null],
  building: [null, 'courtyard'],
  unit: ['building'],
  checkpoint: [null, 'courtyard', 'building'],
  counter: [null, 'courtyard', 'building'],
  other: [null, 'courtyard', 'building'],
};
export const parentAllowed = (kind: PlaceKind, parentKind: PlaceKind | null) => PARENTS[kind].includes(parentKind);

const KEY_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
/** Keys are how CSV rows and posters refer to a place ("cy1-b2"); empty means "make one up" in the form. */
export const placeKey = (opts: { optional?: boolean } = {}) =>
  z.string().transform((raw, ctx) => {
    const v = raw.normalize('NFKC').trim();
    if (v === '' && opts.optional) return '';
    if (v === '') ctx.issues.push({ code: 'custom', message: 'fld.err.required', input: raw });
    else if (!KEY_RE.test(v)) ctx.issues.push({ code: 'custom', message: 'place.err.key', input: raw });
    return v;
  });

const optionalGrid = z.string().transform((raw, ctx) => {
  if (raw.trim() === '') return '';
  const r = gridCode.safeParse(raw);
  if (!r.success) ctx.issues.push({ ...r.error.issues[0], code: 'custom', input: raw });
  return r.success ? r.data : '';
});

export const placeFields = {
  key: placeKey({ optional: true }),
  name: text(64),
  kind: choice(PLACE_KINDS, KIND_LABELS),
  parent: placeKey({ optional: true }),
  grid: optionalGrid,
  floors: count({ min: 1, max: 200, optional: true }),
  units: count({ min: 1, max: 99, optional: true }),
};
export const placeForm = z.object(placeFields);
export const placeCsvRow = z.object({ ...placeFields, key: placeKey() });
export type PlaceInput = z.output<typeof placeForm>;
