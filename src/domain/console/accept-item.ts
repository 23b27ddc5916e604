// 采纳: the item moves to accepted and its author is awarded points under the item's rule set, in ONE transaction
// guarded by the page's version. Above the rule set's second_approver_above the award waits for a grid leader.
import type { DbOrTx } from '../../db/client';
import type { StaffScope } from '../auth/staff-scope';
import { recordAudit } from '../audit/record-audit';
import { AppError, fieldError } from '../errors';
import { awardPoints, isDiscreetCapRefusal, type AwardResult } from '../points/award-points';
import { recordStatusChange } from '../submissions/record-status-change';
import { canMove } from '../submissions/status';
import { formText, parseAmountText } from './accept-item-input';
import { itemRules, suggestedAmount } from './accept-item-page';
import { roleAllows } from './available-actions';
import type { ConsoleActionInput } from './credit-if-funded';
import { lockItemForAction, parseItemId, parseVersion, updateItem } from './item-access';

export type AcceptInput = ConsoleActionInput;

export type AcceptResult =
  | { trackingNo: string; outcome: 'paid'; amount: number }
  | { trackingNo: string; outcome: 'pending'; amount: number; requestId: number }
  /**
   * An anonymous author's cap applied: paid up to it — possibly nothing — and the amount is not told, because
   * "paid 164 of 300" or "today's limit reached" would tell what the author already had (see award-points isDiscreet).
   * At the cap and near it read the same; only the fact that some cap applied is left to see.
   */
  | { trackingNo: string; outcome: 'capped' };

export async function acceptItem(db: DbOrTx, scope: StaffScope, input: AcceptInput): Promise<AcceptResult> {
  const id = parseItemId(input.rawId);
  const version = parseVersion(input.form.version);
  const amount = parseAmountText(input.form.amount);
  const reason = formText(input.form.reason, 'reason');
  const reply = formText(input.form.reply, 'reply');
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const item = await lockItemForAction(tx, scope, id, version);
    // By a role of the grid line that covers the item (a police officer here who is grid staff elsewhere may not).
    if (!roleAllows(scope, item, 'accept')) throw new AppError('forbidden', 'error.403');
    if (!canMove(item.status, 'accepted')) throw new AppError('conflict', 'act.err.cannotAccept');
    const rules = await itemRules(tx, item.ruleSetId);
    const category = rules.categories.find((c) => c.key === item.categoryKey);
    if (!category) throw new AppError('conflict', { key: 'points.err.unknownCategory', params: { category: item.categoryKey } });
    // Refused, not clamped: the staff member must see that the amount is outside the rule.
    if (amount < category.min || amount > category.max) throw fieldError('amount', 'act.err.amountRange', { min: category.min, max: category.max });
    const suggested = suggestedAmount(category, item.suggestedPoints);
    if (amount !== suggested && !reason) throw fieldError('reason', 'act.err.reasonRequired', { suggested });

    await updateItem(tx, id, { status: 'accepted', firstAnsweredAt: item.firstAnsweredAt ?? now }, now);
    await recordStatusChange(tx, { submission: item, from: item.status, to: 'accepted', actorUserId: input.actorUserId, body: reply || undefined });
    // A refusal here (own item, fund exhausted, a cap) rolls the status change back too.
    // For an anonymous item a cap that stops the award does not stop the acceptance (it pays up to the cap, here 0),
    // so that "at the cap" and "near it" answer alike; awardPoints ran in a savepoint, so the refusal left nothing.
    const award: AwardResult | 'capped' = await awardPoints(tx, {
      communityId: item.communityId, approverUserId: input.actorUserId, contribution: { kind: 'submission', submissionId: id },
      amount, note: reason || undefined, now, timeZone: input.timeZone,
    }).catch((err: unknown) => {
      if (item.anonymous && isDiscreetCapRefusal(err)) return 'capped' as const;
      throw err;
    });
    const result: AcceptResult =
      award === 'capped' || (award.status === 'paid' && award.discreet && award.evaluation?.cappedBy)
        ? { trackingNo: item.trackingNo, outcome: 'capped' }
        : award.status === 'paid'
          ? { trackingNo: item.trackingNo, outcome: 'paid', amount: award.amount }
          : { trackingNo: item.trackingNo, outcome: 'pending', amount: award.amount, requestId: award.requestId };
    await recordAudit(tx, {
      actorUserId: input.actorUserId, communityId: item.communityId, action: 'console.accept', targetType: 'submission', targetId: id, ip: input.ip,
      before: { status: item.status, version: item.version },
      after: { status: 'accepted', version: item.version + 1, amount, suggested, reason: reason || undefined, award: result.outcome },
    });
    return result;
  });
}
