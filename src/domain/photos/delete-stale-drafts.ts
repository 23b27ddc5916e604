// Deletes draft photos never attached to a submission within DRAFT_PHOTO_TTL_MS: rows first, then their files.
import { and, asc, inArray, isNull, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { submissionPhotos } from '../../db/schema';
import { DRAFT_PHOTO_TTL_MS, type PhotoStorage } from './contract';

/**
 * Rows go before files: a photo attached at this very moment survives (the delete re-checks submission_id is null),
 * and only files whose row is really gone are removed. A crash between the two leaves orphan files, never a dangling row.
 */
export async function deleteStaleDrafts(
  deps: { db: DbOrTx; storage: PhotoStorage },
  opts: { now: Date; batch?: number },
): Promise<{ photos: number; fileErrors: number }> {
  const cutoff = new Date(opts.now.getTime() - DRAFT_PHOTO_TTL_MS);
  const batch = opts.batch ?? 500;
  let photos = 0;
  let fileErrors = 0;
  for (;;) {
    const stale = await deps.db
      .select({ id: submissionPhotos.id })
      .from(submissionPhotos)
      .where(and(isNull(submissionPhotos.submissionId), lt(submissionPhotos.createdAt, cutoff)))
      .orderBy(asc(submissionPhotos.id))
      .limit(batch);
    if (!stale.length) break;
    const gone = await deps.db
      .delete(submissionPhotos)
      .where(and(inArray(submissionPhotos.id, stale.map((s) => s.id)), isNull(submissionPhotos.submissionId)))
      .returning({ storageKey: submissionPhotos.storageKey, thumbKey: submissionPhotos.thumbKey });
    const results = await Promise.allSettled(gone.flatMap((g) => [deps.storage.delete(g.storageKey), deps.storage.delete(g.thumbKey)]));
    fileErrors += results.filter((r) => r.status === 'rejected').length;
    photos += gone.length;
    if (stale.length < batch) break;
  }
  return { photos, fileErrors };
}
