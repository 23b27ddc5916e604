// The publish form, checked: kind, title, body, audience (whole community or chosen grids, "g.<id>" checkboxes),
// when it appears (empty = now) and when it expires, typed on the community's wall clock.
import { z } from 'zod';
import { ANNOUNCEMENT_KINDS, type AnnouncementKind } from '../../db/schema';
import { parseForm, text } from '../communities/fields';
import { AppError, type Msg } from '../errors';
import { longTextRule, textSchema } from '../text/text-rules';
import { localToUtc } from '../time/zoned-local';
import type { PublishRights } from './publish-rights';

/** A notice stays up at most this long; a stale 警情通报 misleads. */
export const MAX_ANNOUNCEMENT_DAYS = 90;
/** A time a few minutes ago is "now" (the form was open for a while), an older one is a mistake. */
const PAST_GRACE_MS = 10 * 60_000;
const DAY = 86_400_000;

const base = z.object({
  title: text(40),
  body: textSchema(longTextRule(1000)),
});

export interface AnnouncementDraft {
  kind: AnnouncementKind;
  title: string;
  body: string;
  gridIds: number[];
  publishAt: Date;
  expiresAt: Date;
}

export function readAnnouncementForm(
  form: Record<string, string>,
  ctx: { rights: PublishRights; communityGridIds: number[]; now: Date; timeZone: string },
): AnnouncementDraft {
  const fields: Record<string, Msg> = {};
  let v: z.output<typeof base> | null = null;
  try {
    v = parseForm(base, form);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    Object.assign(fields, err.fields);
  }
  const kind = (ANNOUNCEMENT_KINDS as readonly string[]).includes(form.kind ?? '') ? (form.kind as AnnouncementKind) : null;
  const allowed = kind ? ctx.rights.kinds[kind] : undefined;
  if (!kind || allowed === undefined) fields.kind = { key: 'ann.err.kind' };

  const gridIds = Object.keys(form)
    .map((k) => /^g\.(\d{1,9})$/.exec(k)?.[1])
    .filter((id): id is string => !!id && form[`g.${id}`] === '1')
    .map(Number);
  if (gridIds.some((id) => !ctx.communityGridIds.includes(id) || (allowed && !allowed.includes(id)))) fields.grids = { key: 'ann.err.grids' };
  else if (allowed && gridIds.length === 0) fields.grids = { key: 'ann.err.gridsRequired' };

  const publishRaw = (form.publishAt ?? '').trim();
  const publishAt = publishRaw === '' ? ctx.now : localToUtc(publishRaw, ctx.timeZone);
  if (!publishAt) fields.publishAt = { key: 'ann.err.time' };
  else if (publishAt.getTime() < ctx.now.getTime() - PAST_GRACE_MS) fields.publishAt = { key: 'ann.err.past' };
  const start = publishAt && publishAt > ctx.now ? publishAt : ctx.now;

  const expiresAt = localToUtc(form.expiresAt ?? '', ctx.timeZone);
  if (!expiresAt) fields.expiresAt = { key: 'ann.err.time' };
  else if (expiresAt <= start) fields.expiresAt = { key: 'ann.err.expiryBefore' };
  else if (expiresAt.getTime() - start.getTime() > MAX_ANNOUNCEMENT_DAYS * DAY) fields.expiresAt = { key: 'ann.err.expiryFar', params: { days: MAX_ANNOUNCEMENT_DAYS } };

  if (Object.keys(fields).length || !v || !kind || !expiresAt) throw new AppError('validation', 'err.form.invalid', fields);
  return { kind, title: v.title, body: v.body, gridIds: [...new Set(gridIds)].sort((a, b) => a - b), publishAt: start, expiresAt };
}
