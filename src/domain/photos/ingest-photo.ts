// Takes one uploaded photo for a draft form: checks and re-encodes it, stores the files, then records the row.
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import { submissionPhotos } from '../../db/schema';
import { AppError } from '../errors';
import { MAX_PHOTOS_PER_ITEM, type IngestPhoto } from './contract';
import { isDraftToken } from './draft-token';
import { newPhotoKeys } from './photo-keys';
import { renderPhoto } from './render-photo';

export const ingestPhoto: IngestPhoto = async ({ db, storage }, input) => {
  if (!isDraftToken(input.draftToken)) throw new AppError('bad_request', 'error.400');
  // Refuse a fifth photo before spending CPU on it; the count is checked again under a lock below.
  if ((await draftCount(db, input.draftToken)) >= MAX_PHOTOS_PER_ITEM) throw tooMany();

  const photo = await renderPhoto(input.bytes);
  const keys = newPhotoKeys('jpg');
  // Files first, row second: a row never points at a missing file. If the row fails, the files go.
  await storage.put(keys.storageKey, photo.full.data, photo.mime);
  try {
    await storage.put(keys.thumbKey, photo.thumb.data, photo.mime);
    return await db.transaction(async (tx) => {
      // Serialises uploads of one draft, so two parallel uploads cannot both be the fourth.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('photo-draft'), hashtext(${input.draftToken}))`);
      if ((await draftCount(tx, input.draftToken)) >= MAX_PHOTOS_PER_ITEM) throw tooMany();
      const [row] = await tx
        .insert(submissionPhotos)
        .values({
          draftToken: input.draftToken,
          uploaderUserId: input.uploaderUserId,
          ...keys,
          mime: photo.mime,
          width: photo.full.width,
          height: photo.full.height,
          bytes: photo.full.data.byteLength,
        })
        .returning({ id: submissionPhotos.id });
      return { id: row.id, width: photo.full.width, height: photo.full.height, bytes: photo.full.data.byteLength, mime: photo.mime };
    });
  } catch (err) {
    await Promise.allSettled([storage.delete(keys.storageKey), storage.delete(keys.thumbKey)]);
    throw err;
  }
};

const tooMany = () => new AppError('validation', { key: 'photo.err.tooMany', params: { max: String(MAX_PHOTOS_PER_ITEM) } });

async function draftCount(db: Parameters<IngestPhoto>[0]['db'], draftToken: string): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(submissionPhotos)
    .where(and(eq(submissionPhotos.draftToken, draftToken), isNull(submissionPhotos.submissionId)));
  return n;
}
