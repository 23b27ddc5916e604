// The photos already uploaded with a draft form (shown again after sign-in, so nothing is lost), oldest first.
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { submissionPhotos } from '../../db/schema';
import type { PhotoView } from './contract';
import { isDraftToken } from './draft-token';
import { toPhotoView } from './photo-url';

export async function listDraftPhotos(db: DbOrTx, draftToken: string | null | undefined): Promise<PhotoView[]> {
  if (!isDraftToken(draftToken)) return [];
  const rows = await db
    .select({ id: submissionPhotos.id, width: submissionPhotos.width, height: submissionPhotos.height })
    .from(submissionPhotos)
    .where(and(eq(submissionPhotos.draftToken, draftToken), isNull(submissionPhotos.submissionId)))
    .orderBy(asc(submissionPhotos.id));
  return rows.map(toPhotoView);
}
