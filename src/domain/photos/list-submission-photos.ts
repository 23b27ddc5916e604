// An item's photos for its pages, oldest first. The caller has already decided the viewer may see the item; serving re-checks anyway.
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { submissionPhotos } from '../../db/schema';
import type { PhotoView } from './contract';
import { toPhotoView } from './photo-url';

export async function listSubmissionPhotos(db: DbOrTx, submissionId: number): Promise<PhotoView[]> {
  const rows = await db
    .select({ id: submissionPhotos.id, width: submissionPhotos.width, height: submissionPhotos.height })
    .from(submissionPhotos)
    .where(eq(submissionPhotos.submissionId, submissionId))
    .orderBy(asc(submissionPhotos.id));
  return rows.map(toPhotoView);
}
