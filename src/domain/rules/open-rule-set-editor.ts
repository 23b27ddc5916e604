// What the rule-set editor needs: the version it starts from (the one in force, or ?from=N), the newest version
// (a save must still find it newest) and today's local date; also used to judge a posted form.
import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { ruleSets } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { managedCommunity } from '../communities/managed-community';
import { AppError, notFound } from '../errors';
import { localClock } from '../points/clock';
import { loadRuleSet, type StoredRuleSet } from './get-rule-set';
import { currentVersion } from './list-rule-sets';
import { bodyToForm, parseRuleSetForm, type RuleFormContext } from './rule-set-form';

export interface RuleSetEditor {
  community: { id: number; name: string };
  from: StoredRuleSet;
  ctx: RuleFormContext;
  /** The form prefilled from `from`, effective from today; carries the two versions as hidden fields. */
  form: Record<string, string>;
}

export async function openRuleSetEditor(
  db: DbOrTx,
  scope: StaffScope,
  o: { communityId: number; fromVersion?: number; now?: Date; timeZone: string },
): Promise<RuleSetEditor> {
  const community = await managedCommunity(db, scope, o.communityId);
  const rows = await db
    .select({ version: ruleSets.version, effectiveFrom: ruleSets.effectiveFrom })
    .from(ruleSets)
    .where(eq(ruleSets.communityId, community.id))
    .orderBy(desc(ruleSets.version));
  if (!rows.length) throw new AppError('not_found', 'rules.err.none');
  const today = localClock(o.now ?? new Date(), o.timeZone).day;
  const fromVersion = o.fromVersion ?? currentVersion(rows, today) ?? rows[rows.length - 1].version;
  const from = await loadRuleSet(db, community.id, fromVersion);
  if (!from) throw notFound();
  const latest = rows[0];
  const ctx: RuleFormContext = { base: from.body, today, latest };
  const effectiveFrom = latest.effectiveFrom > today ? latest.effectiveFrom : today;
  const form = { ...bodyToForm(from.body, effectiveFrom), from: String(from.version), latest: String(latest.version) };
  return { community, from, ctx, form };
}

/** The hidden version fields of a posted form; junk reads as "not found" (a forged form, not a typo). */
export function postedVersions(form: Record<string, string>): { from: number; latest: number } {
  const ok = (v: string | undefined) => v !== undefined && /^\d{1,6}$/.test(v);
  if (!ok(form.from) || !ok(form.latest)) throw notFound();
  return { from: Number(form.from), latest: Number(form.latest) };
}

/** Checks a posted form against the version it was opened from; throws the field errors (422) or returns the draft. */
export async function judgeRuleSetForm(db: DbOrTx, input: { scope: StaffScope; communityId: number; form: Record<string, string>; now?: Date; timeZone: string }) {
  const posted = postedVersions(input.form);
  const editor = await openRuleSetEditor(db, input.scope, { communityId: input.communityId, fromVersion: posted.from, now: input.now, timeZone: input.timeZone });
  const parsed = parseRuleSetForm(input.form, editor.ctx);
  if (!parsed.ok) throw new AppError('validation', 'err.form.invalid', parsed.fields);
  return { editor, posted, body: parsed.body, effectiveFrom: parsed.effectiveFrom };
}
