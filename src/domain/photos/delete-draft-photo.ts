// The form's "remove photo": deletes one not-yet-attached photo of the caller's draft (row, then files).
import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { submissionPhotos } from '../../db/schema';
import { notFound } from '../errors';
import type { PhotoStorage } from './contract';
import { isDraftToken } from './draft-token';

export async function deleteDraftPhoto(deps: { db: DbOrTx; storage: PhotoStorage }, input: { draftToken: string; photoId: number }): Promise<void> {
  if (!isDraftToken(input.draftToken) || !Number.isSafeInteger(input.photoId) || input.photoId < 1 || input.photoId > 2_147_483_647) throw notFound();
  const [gone] = await deps.db
    .delete(submissionPhotos)
    .where(and(eq(submissionPhotos.id, input.photoId), eq(submissionPhotos.draftToken, input.draftToken), isNull(submissionPhotos.submissionId)))
    .returning({ storageKey: submissionPhotos.storageKey, thumbKey: submissionPhotos.thumbKey });
  // Another draft's photo, an attached one, or a wrong id all read the same.
  if (!gone) throw notFound();
  await Promise.allSettled([deps.storage.delete(gone.storageKey), deps.storage.delete(gone.thumbKey)]);
}
