// Which items open data may show (Open311 GeoReport v2): never an anonymous item, never a police-related one (by flag,
// by tier 3 or by a police category of its rule set), never a dispute (it names neighbours), never an unverified,
// refused or rejected one, and of wishes only those their author made public on the 心愿墙.
import { and, eq, notInArray, sql, type SQL } from 'drizzle-orm';
import { submissions } from '../../db/schema';

/** Tip categories whose very subject is private people: left out of open data whatever their flags say. */
export const PRIVATE_TIP_CATEGORIES = ['tip.dispute'] as const;

export function open311VisibleSql(): SQL {
  return and(
    eq(submissions.anonymous, false),
    eq(submissions.policeRelated, false),
    sql`${submissions.tier} < 3`,
    notInArray(submissions.status, ['received', 'verifying', 'rejected']),
    sql`${submissions.autoRefusal} IS NULL`,
    sql`(
      (${submissions.kind} = 'wish' AND ${submissions.publicWish})
      OR (${submissions.kind} = 'tip' AND ${submissions.categoryKey} NOT IN (${sql.join(PRIVATE_TIP_CATEGORIES.map((k) => sql`${k}`), sql`, `)})
          AND NOT EXISTS (
            SELECT 1 FROM rule_sets r, jsonb_array_elements(r.body -> 'categories') c
             WHERE r.id = ${submissions.ruleSetId} AND c ->> 'key' = ${submissions.categoryKey} AND (c ->> 'police')::boolean))
    )`,
  )!;
}
