// A public reply (the resident is told) or a private note (staff only, 仅内部可见) on an item.
import type { DbOrTx } from '../../db/client';
import { submissionEvents } from '../../db/schema';
import type { StaffScope } from '../auth/staff-scope';
import { fieldError } from '../errors';
import { recordReply } from '../submissions/record-reply';
import { updateItem } from './item-access';
import { runItemAction, type ItemActionInput } from './item-action';
import { staffText } from './staff-text';

export type ReplyVisibility = 'public' | 'private';
/**
 * Only an explicit `public` reaches the resident (the form's two radios send `public` or `private`). Anything else —
 * missing, `internal`, a typo — is refused rather than guessed: guessing public would notify the resident of a note
 * meant for colleagues. `visibilityOf` is the lenient reading for the done notice, after the use case has accepted.
 */
export function parseVisibility(raw: string | undefined): ReplyVisibility {
  if (raw === 'public' || raw === 'private') return raw;
  throw fieldError('visibility', 'console.err.visibility');
}
export const visibilityOf = (raw: string | undefined): ReplyVisibility => (raw === 'public' ? 'public' : 'private');

export async function replyToItem(db: DbOrTx, scope: StaffScope, input: ItemActionInput) {
  const visibility = parseVisibility(input.form.visibility);
  return runItemAction(db, scope, input, visibility === 'public' ? 'reply' : 'note', async ({ tx, item, now, audit }) => {
    const body = staffText(input.form.body, 'body');
    if (visibility === 'public') {
      await recordReply(tx, { submission: item, body, actorUserId: input.actorUserId });
      // The first public answer stops the acknowledge clock.
      await updateItem(tx, item.id, item.firstAnsweredAt ? {} : { firstAnsweredAt: now }, now);
    } else {
      await tx.insert(submissionEvents).values({ submissionId: item.id, kind: 'note', body, public: false, actorUserId: input.actorUserId, createdAt: now });
      await updateItem(tx, item.id, {}, now);
    }
    await audit({ version: item.version }, { visibility, body });
    return { id: item.id, visibility };
  });
}
