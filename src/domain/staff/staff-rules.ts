// What makes a staff account valid: a sign-in name, a display name, roles from the fixed list, and grid scopes by code.
import { z } from 'zod';
import { STAFF_ROLES, type StaffRole } from '../../db/schema';
import { zh } from '../../i18n/messages';
import { USERNAME_RE } from '../auth/create-staff-account';
import { choice, gridCode, text } from '../communities/fields';

/** Roles may be typed as the Chinese label the UI shows (网格员) or as the English key (grid_worker). */
const ROLE_LABELS = Object.fromEntries(STAFF_ROLES.map((r) => [zh[`role.${r}`], r])) as Record<string, StaffRole>;
Object.assign(ROLE_LABELS, { 民警: 'police', 管理员: 'community_admin' });

export const username = z.string().transform((raw, ctx) => {
  const v = raw.normalize('NFKC').trim().toLowerCase();
  if (v === '') ctx.issues.push({ code: 'custom', message: 'fld.err.required', input: raw });
  else if (!USERNAME_RE.test(v)) ctx.issues.push({ code: 'custom', message: 'staff.err.username', input: raw });
  return v;
});

export const role = choice(STAFF_ROLES, ROLE_LABELS);

/** "a|b|c" lists in one CSV cell; full-width bars and Chinese enumeration commas are read as separators too. */
const list = <T>(item: z.ZodType<T, string>, opts: { min: number }) =>
  z.string().transform((raw, ctx) => {
    const parts = raw.normalize('NFKC').split(/[|、,;]/).map((s) => s.trim()).filter(Boolean);
    if (parts.length < opts.min) ctx.issues.push({ code: 'custom', message: 'fld.err.required', input: raw });
    const out: T[] = [];
    for (const p of parts) {
      const r = item.safeParse(p);
      if (r.success) out.push(r.data);
      else ctx.issues.push({ ...r.error.issues[0], code: 'custom', input: raw } as never);
    }
    return [...new Set(out)];
  });

export const staffForm = z.object({ username, name: text(64) });
export const staffNameForm = z.object({ name: text(64) });
export const roleForm = z.object({ role });

export const staffCsvRow = z.object({ username, name: text(64), roles: list(role, { min: 1 }), grids: list(gridCode, { min: 0 }) });
export type StaffCsvRow = z.output<typeof staffCsvRow>;

/** Checked grid boxes arrive as fields named "g.<id>"; ids are filtered against the community's grids by the caller. */
export const checkedGridIds = (form: Record<string, string>) =>
  Object.keys(form)
    .filter((k) => /^g\.\d{1,9}$/.test(k))
    .map((k) => Number(k.slice(2)));
