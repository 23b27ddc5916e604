// One ledger entry of a resident's own account, with its reason in plain words ("为什么得到这些积分"); anyone else's is not found.
import { and, eq, inArray, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { pointAccounts, pointTransfers, staffRoles } from '../../db/schema';
import { notFound } from '../errors';
import { asReason, loadReasonLabels, ruleLabelOf } from './entry-reason';

export interface LedgerEntryView {
  id: number;
  kind: string;
  /** Positive: points in; negative: points out. */
  amount: number;
  at: Date;
  /** e.g. the category label, 心愿帮扶, 巡逻 — resolved from the rule set the award used. */
  ruleLabel: string | null;
  ruleSetVersion: number | null;
  /** Roles of the approver (never their name), e.g. ['grid_worker']. */
  approverRoles: string[];
  trackingNo: string | null;
  clampedFrom: number | null;
  cappedBy: string | null;
  note: string | null;
}


export async function getMyLedgerEntry(db: DbOrTx, userId: number, rawId: string): Promise<LedgerEntryView> {
  if (!/^\d{1,15}$/.test(rawId)) throw notFound();
  const mine = await db
    .select({ id: pointAccounts.id })
    .from(pointAccounts)
    .where(and(eq(pointAccounts.ownerUserId, userId), eq(pointAccounts.kind, 'resident')));
  const ids = mine.map((a) => a.id);
  if (ids.length === 0) throw notFound();
  const [t] = await db
    .select()
    .from(pointTransfers)
    .where(and(eq(pointTransfers.id, Number(rawId)), or(inArray(pointTransfers.toAccountId, ids), inArray(pointTransfers.fromAccountId, ids))))
    .limit(1);
  if (!t) throw notFound();
  const r = asReason(t.reason);
  const ruleLabel = ruleLabelOf(r, await loadReasonLabels(db, [r]));
  const roles = r.approverUserId
    ? (await db.select({ role: staffRoles.role }).from(staffRoles).where(eq(staffRoles.userId, r.approverUserId))).map((x) => x.role)
    : [];
  return {
    id: t.id,
    kind: t.kind,
    amount: ids.includes(t.toAccountId) ? Number(t.amount) : -Number(t.amount),
    at: t.createdAt,
    ruleLabel,
    ruleSetVersion: r.ruleSetVersion ?? null,
    approverRoles: [...new Set(roles)],
    trackingNo: r.source?.type === 'submission' ? (r.source.trackingNo ?? null) : null,
    clampedFrom: r.clampedFrom ?? null,
    cappedBy: r.cappedBy ?? null,
    note: r.note ?? null,
  };
}
