// One public answer for several items (the item and similar ones the viewer picked), optionally resolving them. Each item is
// checked and written in its own transaction, so a stale or out-of-scope item is reported without holding back the others.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { submissions } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { AppError, fieldError, notFound } from '../errors';
import { recordReply } from '../submissions/record-reply';
import { recordStatusChange } from '../submissions/record-status-change';
import { canMove } from '../submissions/status';
import { coversItem, parseItemId, updateItem } from './item-access';
import { runItemAction } from './item-action';
import { staffText } from './staff-text';

export const BULK_MAX = 20;
/** Checkbox names carry the item id, their value the version the page showed: pick.<id> = <version>. */
const PICK = /^pick\.(\d{1,9})$/;

export type BulkOutcome = 'replied' | 'resolved' | 'repliedNotResolvable' | 'stale' | 'notFound' | 'notAllowed';
export interface BulkResult {
  id: number;
  trackingNo: string | null;
  outcome: BulkOutcome;
}

export function picksOf(form: Record<string, string>): { id: number; version: string }[] {
  return Object.entries(form).flatMap(([k, v]) => {
    const m = PICK.exec(k);
    return m ? [{ id: Number(m[1]), version: v }] : [];
  });
}

export async function bulkAnswer(
  db: DbOrTx,
  scope: StaffScope,
  input: { rawId: string; form: Record<string, string>; actorUserId: number; ip?: string; now?: Date },
): Promise<BulkResult[]> {
  // Sent from an item's page: an item outside the viewer's scope reads as not found, like every other console action.
  const [anchor] = await db.select().from(submissions).where(eq(submissions.id, parseItemId(input.rawId)));
  if (!anchor || !coversItem(scope, anchor)) throw notFound();
  const picks = picksOf(input.form);
  if (!picks.length) throw fieldError('picks', 'console.err.bulkNone');
  if (picks.length > BULK_MAX) throw fieldError('picks', 'console.err.bulkTooMany', { max: BULK_MAX });
  const body = staffText(input.form.body, 'body');
  const wantResolve = input.form.resolve === '1';
  const results: BulkResult[] = [];
  for (const p of picks) {
    try {
      const done = await runItemAction(db, scope, { rawId: String(p.id), form: { version: p.version }, actorUserId: input.actorUserId, ip: input.ip, now: input.now }, 'bulkAnswer', async ({ tx, item, now, audit }) => {
        const resolve = wantResolve && canMove(item.status, 'resolved');
        if (resolve) {
          await updateItem(tx, item.id, { status: 'resolved', resolvedAt: now, firstAnsweredAt: item.firstAnsweredAt ?? now }, now);
          await recordStatusChange(tx, { submission: item, from: item.status, to: 'resolved', actorUserId: input.actorUserId, body });
        } else {
          await recordReply(tx, { submission: item, body, actorUserId: input.actorUserId });
          await updateItem(tx, item.id, item.firstAnsweredAt ? {} : { firstAnsweredAt: now }, now);
        }
        await audit({ status: item.status }, { status: resolve ? 'resolved' : item.status, body, bulk: true });
        const outcome: BulkOutcome = resolve ? 'resolved' : wantResolve ? 'repliedNotResolvable' : 'replied';
        return { trackingNo: item.trackingNo, outcome };
      });
      results.push({ id: p.id, ...done });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const outcome: BulkOutcome = err.code === 'not_found' ? 'notFound' : err.msg.key === 'console.err.stale' ? 'stale' : 'notAllowed';
      // Stale or not allowed: the item is in scope, so it may be named; an unknown or out-of-scope one may not.
      const [row] = outcome === 'notFound' ? [] : await db.select().from(submissions).where(eq(submissions.id, p.id));
      results.push({ id: p.id, trackingNo: row && coversItem(scope, row) ? row.trackingNo : null, outcome });
    }
  }
  return results;
}
