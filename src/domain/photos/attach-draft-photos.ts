// On submit: moves the draft form's photos onto the new submission (oldest first, never more than MAX_PHOTOS_PER_ITEM in all).
import { and, asc, count, eq, inArray, isNull, or } from 'drizzle-orm';
import { submissionPhotos } from '../../db/schema';
import { MAX_PHOTOS_PER_ITEM, type AttachDraftPhotos } from './contract';
import { isDraftToken } from './draft-token';

/** Returns how many photos were attached. Run it in the submit transaction so the item and its photos appear together. */
export const attachDraftPhotos: AttachDraftPhotos = async (tx, { draftToken, submissionId, userId }) => {
  if (!isDraftToken(draftToken)) return 0;
  // A repeated submit (double tap) must not push an item past the cap.
  const [{ n: already }] = await tx.select({ n: count() }).from(submissionPhotos).where(eq(submissionPhotos.submissionId, submissionId));
  const room = MAX_PHOTOS_PER_ITEM - already;
  if (room <= 0) return 0;
  const draft = await tx
    .select({ id: submissionPhotos.id })
    .from(submissionPhotos)
    .where(
      and(
        eq(submissionPhotos.draftToken, draftToken),
        isNull(submissionPhotos.submissionId),
        // Uploaded signed out (null) or by this user: someone else's upload cannot be claimed with a leaked token.
        or(isNull(submissionPhotos.uploaderUserId), eq(submissionPhotos.uploaderUserId, userId)),
      ),
    )
    .orderBy(asc(submissionPhotos.id))
    .limit(room)
    .for('update');
  if (!draft.length) return 0;
  const moved = await tx
    .update(submissionPhotos)
    .set({ submissionId, uploaderUserId: userId })
    // isNull again: a concurrent attach or cleanup that got there first wins, and this one skips the row.
    .where(and(inArray(submissionPhotos.id, draft.map((d) => d.id)), isNull(submissionPhotos.submissionId)))
    .returning({ id: submissionPhotos.id });
  return moved.length;
};
