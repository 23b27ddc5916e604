// The SLA sweep: every item past its resolve deadline, not final and below tier 3 goes up one tier (see escalate-item.ts).
// Each item is escalated in its own short transaction; a run that races another run (or a staff escalation) finds the
// guarded UPDATE matching nothing and moves on, so every tier is reached once.
import { and, asc, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { submissions } from '../../db/schema';
import type { RuleSetBody } from '../rules/rule-set-schema';
import { FINAL_STATUSES } from '../submissions/status';
import { itemRules } from './accept-item-page';
import { applyEscalation, TOP_TIER } from './escalate-item';

/**
 * Written out as literals, not parameters, so the planner can match the partial index submissions_sla_sweep (whose
 * predicate is this text) in every plan, generic ones included.
 */
export const OPEN_BELOW_TOP = sql.raw(`"submissions"."status" not in (${FINAL_STATUSES.map((s) => `'${s}'`).join(', ')}) and "submissions"."tier" < ${TOP_TIER}`);

export async function escalateOverdue(db: DbOrTx, o: { now: Date; limit: number }): Promise<{ found: number; escalated: number }> {
  const due = await db
    .select({
      id: submissions.id, communityId: submissions.communityId, trackingNo: submissions.trackingNo, authorUserId: submissions.authorUserId,
      tier: submissions.tier, slaDueAt: submissions.slaDueAt, ruleSetId: submissions.ruleSetId,
    })
    .from(submissions)
    .where(and(lt(submissions.slaDueAt, o.now), OPEN_BELOW_TOP))
    .orderBy(asc(submissions.slaDueAt))
    .limit(o.limit);
  const rules = new Map<number, RuleSetBody>();
  let escalated = 0;
  for (const item of due) {
    if (!rules.has(item.ruleSetId)) rules.set(item.ruleSetId, await itemRules(db, item.ruleSetId));
    const tier = await db.transaction((tx) =>
      applyEscalation(tx, item, { rules: rules.get(item.ruleSetId)!, now: o.now, actorUserId: null, reason: null, overdueAt: o.now }),
    );
    if (tier !== null) escalated++;
  }
  return { found: due.length, escalated };
}
