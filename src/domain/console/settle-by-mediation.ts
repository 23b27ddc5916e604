// 调解化解: a dispute (category tip.dispute) is closed as settled by mediation at a tier, with its mediator — a staff
// member of the community or a resident volunteer found by phone number. A resident mediator is credited under the
// rule set's mediation rule. Status change, event, credit and audit are one transaction guarded by the page's version.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { staffRoles, submissionEvents, users } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { normalizePhone } from '../auth/phone';
import { recordAudit } from '../audit/record-audit';
import { AppError, fieldError } from '../errors';
import { recordStatusChange } from '../submissions/record-status-change';
import { canMove } from '../submissions/status';
import { formText } from './accept-item-input';
import { DISPUTE_CATEGORY, roleAllows } from './available-actions';
import { creditIfFunded, type ConsoleActionInput, type Credit } from './credit-if-funded';
import { lockItemForAction, parseItemId, parseVersion, updateItem, type LockedItem } from './item-access';
import { auditingRefusals, namedPhone, RefusedNamingPerson } from './named-person';

export type MediateInput = ConsoleActionInput;

export type MediationCredit = Credit;

function parseTier(raw: string | undefined, current: number): 1 | 2 | 3 {
  const s = (raw ?? '').trim();
  if (s === '') return current as 1 | 2 | 3;
  if (!/^[123]$/.test(s)) throw fieldError('tier', 'act.err.tierInvalid');
  return Number(s) as 1 | 2 | 3;
}

/**
 * A resident mediator named by phone. On an ANONYMOUS dispute every resident mediator is refused, identically and
 * before the number is looked up: whatever the phone (the author's, a neighbour's, an unknown or malformed one) the
 * answer is the same 422 with the same words and the same audit row. Why refuse rather than "accept, and silently
 * never credit the author": a settled dispute with a resident mediator is normally credited, and the done box, the
 * ledger and the mediator's own 我的积分 would then differ between the author and anyone else — the oracle again, only
 * slower. Refusing costs one thing: a resident volunteer cannot be credited for an anonymous dispute (a staff
 * mediator can still close it). On a named dispute the author is shown to staff, so the plain check stays.
 */
async function findResidentMediator(tx: DbOrTx, item: LockedItem, form: Record<string, string>, refuse: (err: AppError, reason: string) => never) {
  if (item.anonymous) refuse(fieldError('phone', 'act.err.mediatorAnonymous'), 'anonymous_item');
  let phone: string;
  try {
    phone = normalizePhone(form.phone);
  } catch {
    throw fieldError('phone', 'act.err.mediatorPhone');
  }
  const [u] = await tx.select({ id: users.id }).from(users).where(and(eq(users.phone, phone), eq(users.kind, 'resident')));
  if (!u) refuse(fieldError('phone', 'act.err.mediatorNotFound'), 'not_found');
  if (u.id === item.authorUserId) refuse(fieldError('phone', 'act.err.mediatorIsAuthor'), 'is_author');
  return { id: u.id, kind: 'resident' as const };
}

async function findMediator(
  tx: DbOrTx, item: LockedItem, form: Record<string, string>, refuse: (err: AppError, reason: string) => never,
): Promise<{ id: number; kind: 'staff' | 'resident' }> {
  const communityId = item.communityId;
  if (form.mediatorKind === 'resident') return findResidentMediator(tx, item, form, refuse);
  if (form.mediatorKind !== 'staff') throw fieldError('mediatorKind', 'act.err.mediatorKind');
  const raw = (form.staffId ?? '').trim();
  if (!/^\d{1,9}$/.test(raw)) throw fieldError('staffId', 'act.err.mediatorStaff');
  // Only staff with a role in the item's community; anyone else reads as not chosen.
  const [s] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, Number(raw)), eq(users.kind, 'staff'), sql`exists (select 1 from ${staffRoles} r where r.user_id = ${users.id} and r.community_id = ${communityId})`));
  if (!s) throw fieldError('staffId', 'act.err.mediatorStaff');
  return { id: s.id, kind: 'staff' };
}

export async function settleByMediation(db: DbOrTx, scope: StaffScope, input: MediateInput) {
  const id = parseItemId(input.rawId);
  const version = parseVersion(input.form.version);
  const outcome = formText(input.form.outcome, 'outcome');
  const now = input.now ?? new Date();
  return auditingRefusals(db, () => db.transaction(async (tx) => {
    const item = await lockItemForAction(tx, scope, id, version);
    // By a role of the grid line that covers the item (a police officer here who is grid staff elsewhere may not).
    if (!roleAllows(scope, item, 'mediate')) throw new AppError('forbidden', 'error.403');
    if (item.categoryKey !== DISPUTE_CATEGORY) throw new AppError('conflict', 'act.err.notDispute');
    if (!canMove(item.status, 'resolved')) throw new AppError('conflict', 'act.err.cannotMediate');
    const tier = parseTier(input.form.tier, item.tier);
    const refuse = (error: AppError, reason: string): never => {
      throw new RefusedNamingPerson(error, {
        actorUserId: input.actorUserId, communityId: item.communityId, action: 'console.mediate', submissionId: id, ip: input.ip,
        named: { mediatorKind: 'resident', ...namedPhone(input.form.phone) }, reason,
      });
    };
    const mediator = await findMediator(tx, item, input.form, refuse);

    await updateItem(tx, id, { status: 'resolved', resolvedAt: now, settledTier: tier, mediatorUserId: mediator.id, firstAnsweredAt: item.firstAnsweredAt ?? now }, now);
    await recordStatusChange(tx, { submission: item, from: item.status, to: 'resolved', actorUserId: input.actorUserId, body: outcome || undefined });
    // Public, worded by the resident's page from the tier (the body); the mediator is not named to the resident.
    await tx.insert(submissionEvents).values({ submissionId: id, kind: 'mediation', body: String(tier), public: true, actorUserId: input.actorUserId, createdAt: now });

    let credit: MediationCredit = { credited: false };
    if (mediator.kind === 'resident') {
      credit = await creditIfFunded(tx, {
          communityId: item.communityId, approverUserId: input.actorUserId, contribution: { kind: 'mediation', submissionId: id, recipientUserId: mediator.id },
          now, timeZone: input.timeZone,
        });
    }
    await recordAudit(tx, {
      actorUserId: input.actorUserId, communityId: item.communityId, action: 'console.mediate', targetType: 'submission', targetId: id, ip: input.ip,
      before: { status: item.status, version: item.version, settledTier: item.settledTier, mediatorUserId: item.mediatorUserId },
      after: { status: 'resolved', version: item.version + 1, settledTier: tier, mediatorUserId: mediator.id, mediatorKind: mediator.kind, credited: credit.credited },
    });
    return { trackingNo: item.trackingNo, tier, mediatorKind: mediator.kind, credit };
  }));
}
