// The versions of a community's rule set, newest first, with who made each and which one is in force today.
import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { ruleSets, users } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { managedCommunity } from '../communities/managed-community';
import { localClock } from '../points/clock';

export interface RuleSetVersionRow {
  version: number;
  effectiveFrom: string;
  createdAt: Date;
  createdByName: string | null;
  /** The version in force today. */
  current: boolean;
  /** Saved, but its effective date is still ahead. */
  scheduled: boolean;
}

/** Pure: the version in force on `today`: the highest whose effective date has come (see current-rule-set.ts). */
export function currentVersion(rows: { version: number; effectiveFrom: string }[], today: string): number | null {
  return rows.filter((r) => r.effectiveFrom <= today).reduce<number | null>((best, r) => (best === null || r.version > best ? r.version : best), null);
}

export async function listRuleSets(db: DbOrTx, scope: StaffScope, communityId: number, opts: { now?: Date; timeZone: string }) {
  const community = await managedCommunity(db, scope, communityId);
  const rows = await db
    .select({ version: ruleSets.version, effectiveFrom: ruleSets.effectiveFrom, createdAt: ruleSets.createdAt, createdByName: users.displayName })
    .from(ruleSets)
    .leftJoin(users, eq(users.id, ruleSets.createdBy))
    .where(eq(ruleSets.communityId, community.id))
    .orderBy(desc(ruleSets.version));
  const today = localClock(opts.now ?? new Date(), opts.timeZone).day;
  const current = currentVersion(rows, today);
  const versions: RuleSetVersionRow[] = rows.map((r) => ({ ...r, current: r.version === current, scheduled: r.effectiveFrom > today }));
  return { community, versions, today };
}
