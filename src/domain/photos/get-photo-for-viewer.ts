// Reads one photo (or its thumbnail) for a viewer; anything they may not see, or that is gone, is "not found".
import { timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { submissionPhotos, submissions } from '../../db/schema';
import { notFound } from '../errors';
import type { PhotoStorage } from './contract';
import { canSeePhoto, type PhotoViewer } from './photo-access';

export interface PhotoFile {
  bytes: Uint8Array;
  mime: string;
}

const MAX_ID = 2_147_483_647;

export async function getPhotoForViewer(
  deps: { db: DbOrTx; storage: PhotoStorage },
  input: { photoId: number; variant: 'full' | 'thumb'; viewer: PhotoViewer },
): Promise<PhotoFile> {
  if (!Number.isSafeInteger(input.photoId) || input.photoId < 1 || input.photoId > MAX_ID) throw notFound();
  const [row] = await deps.db
    .select({
      storageKey: submissionPhotos.storageKey,
      thumbKey: submissionPhotos.thumbKey,
      mime: submissionPhotos.mime,
      draftToken: submissionPhotos.draftToken,
      submissionId: submissionPhotos.submissionId,
      authorUserId: submissions.authorUserId,
      communityId: submissions.communityId,
      gridId: submissions.gridId,
      policeRelated: submissions.policeRelated,
      tier: submissions.tier,
    })
    .from(submissionPhotos)
    .leftJoin(submissions, eq(submissions.id, submissionPhotos.submissionId))
    .where(eq(submissionPhotos.id, input.photoId));
  if (!row) throw notFound();
  const submission = row.submissionId !== null && row.authorUserId !== null && row.communityId !== null
    ? { authorUserId: row.authorUserId, communityId: row.communityId, gridId: row.gridId, policeRelated: row.policeRelated ?? false, tier: row.tier ?? 1 }
    : null;
  // An attached photo whose submission row is missing cannot be judged: refuse rather than fall back to the draft rule.
  if (row.submissionId !== null && !submission) throw notFound();
  if (!canSeePhoto(input.viewer, { submission, draftToken: row.draftToken }, tokensEqual)) throw notFound();
  const bytes = await deps.storage.get(input.variant === 'thumb' ? row.thumbKey : row.storageKey);
  if (!bytes) throw notFound();
  return { bytes, mime: row.mime };
}

function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
