// 升级: an item moves up one tier (1 院落/网格 → 2 社区 → 3 派出所) with a new resolve deadline for that tier.
// Staff escalate from the console with a reason; the submission.escalate-overdue job escalates items past their
// deadline. Both go through applyEscalation, whose UPDATE is guarded by the tier it expects, so each tier is reached
// exactly once however often (or concurrently) either path runs.
import { and, eq, notInArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { submissionEvents, submissions } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { recordAudit } from '../audit/record-audit';
import { AppError, fieldError } from '../errors';
import { notify } from '../notifications/notify';
import type { RuleSetBody } from '../rules/rule-set-schema';
import { FINAL_STATUSES, resolveDue } from '../submissions/status';
import { formText } from './accept-item-input';
import { actionItem, itemRules } from './accept-item-page';
import { roleAllows } from './available-actions';
import { lockItemForAction, parseItemId, parseVersion } from './item-access';

export const TOP_TIER = 3;

export interface EscalationTarget {
  id: number;
  communityId: number;
  trackingNo: string;
  authorUserId: number;
  tier: number;
  slaDueAt: Date | null;
}

/**
 * Moves the item from `item.tier` to the next tier if it is still there and not final; returns the new tier, or null
 * when someone else (a colleague, another job run) already moved it. `overdueAt` adds "and still past its deadline".
 */
export async function applyEscalation(
  tx: DbOrTx,
  item: EscalationTarget,
  o: { rules: RuleSetBody; now: Date; actorUserId: number | null; reason: string | null; ip?: string | null; overdueAt?: Date },
): Promise<number | null> {
  if (item.tier >= TOP_TIER) return null;
  const tier = (item.tier + 1) as 2 | 3;
  const due = resolveDue(o.rules, o.now, tier);
  const [moved] = await tx
    .update(submissions)
    .set({ tier, tierSince: o.now, slaDueAt: due, updatedAt: o.now, version: sql`${submissions.version} + 1` })
    .where(
      and(
        eq(submissions.id, item.id),
        eq(submissions.tier, item.tier),
        notInArray(submissions.status, [...FINAL_STATUSES]),
        o.overdueAt ? sql`${submissions.slaDueAt} < ${o.overdueAt.toISOString()}::timestamptz` : undefined,
      ),
    )
    .returning({ id: submissions.id });
  if (!moved) return null;
  // Public: the resident sees that the item went up a level (the body is the staff member's reason, if any).
  await tx.insert(submissionEvents).values({ submissionId: item.id, kind: 'escalate', body: o.reason, public: true, actorUserId: o.actorUserId, createdAt: o.now });
  await notify(tx, {
    userId: item.authorUserId, kind: `escalate.${tier}`, title: item.trackingNo, link: `/me/submissions/${item.trackingNo}`,
    dedupeKey: `escalate:${item.id}:${tier}`,
  });
  await recordAudit(tx, {
    actorUserId: o.actorUserId, communityId: item.communityId, action: o.actorUserId === null ? 'console.escalate.auto' : 'console.escalate',
    targetType: 'submission', targetId: item.id, ip: o.ip,
    before: { tier: item.tier, slaDueAt: item.slaDueAt?.toISOString() ?? null },
    after: { tier, slaDueAt: due.toISOString(), reason: o.reason },
  });
  return tier;
}

export async function escalateItem(
  db: DbOrTx,
  scope: StaffScope,
  input: { rawId: string; form: Record<string, string>; actorUserId: number; ip?: string | null; now?: Date },
) {
  const id = parseItemId(input.rawId);
  const version = parseVersion(input.form.version);
  const reason = formText(input.form.reason, 'reason');
  if (!reason) throw fieldError('reason', 'act.err.escalateReasonRequired');
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const item = await lockItemForAction(tx, scope, id, version);
    // By a role of the grid line that covers the item (a police officer here who is grid staff elsewhere may not).
    if (!roleAllows(scope, item, 'escalate')) throw new AppError('forbidden', 'error.403');
    if (FINAL_STATUSES.includes(item.status)) throw new AppError('conflict', 'act.err.escalateFinal');
    if (item.tier >= TOP_TIER) throw new AppError('conflict', 'act.err.topTier');
    const rules = await itemRules(tx, item.ruleSetId);
    const tier = await applyEscalation(tx, item, { rules, now, actorUserId: input.actorUserId, reason, ip: input.ip });
    // Unreachable while the row is locked and its version matched; refuse rather than report a move that did not happen.
    if (tier === null) throw new AppError('conflict', 'console.err.stale');
    return { trackingNo: item.trackingNo, tier, slaDueAt: resolveDue(rules, now, tier as 2 | 3) };
  });
}

/** What the escalation form shows: why it cannot go up (closed, or already at the police station) or the next deadline. */
export async function escalateItemPage(db: DbOrTx, scope: StaffScope, rawId: string) {
  const { item, rules } = await actionItem(db, scope, rawId);
  const blocked = FINAL_STATUSES.includes(item.status) ? ('final' as const) : item.tier >= TOP_TIER ? ('top' as const) : null;
  const nextHours = blocked ? null : item.tier === 1 ? rules.sla_hours.tier2_resolve : rules.sla_hours.tier3_resolve;
  return { item, blocked, nextHours };
}
