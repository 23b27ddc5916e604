// A reward item's photo through the same pipeline as report photos: type sniffed from bytes, size-limited, re-encoded
// by sharp with EXIF (GPS) stripped. The catalog shows the 320 px rendition, so only that one is kept.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { rewardItems } from '../../../db/schema';
import { AppError } from '../../errors';
import { parseId } from '../redeemable';
import { MAX_PHOTO_BYTES, type PhotoStorage } from '../../photos/contract';
import { newPhotoKeys } from '../../photos/photo-keys';
import { renderPhoto } from '../../photos/render-photo';

export async function storeItemPhoto(storage: PhotoStorage, bytes: Uint8Array): Promise<string> {
  if (bytes.byteLength > MAX_PHOTO_BYTES) throw new AppError('payload_too_large', { key: 'photo.err.tooLarge', params: { size: '8 MB' } });
  const photo = await renderPhoto(bytes);
  const { thumbKey } = newPhotoKeys('jpg');
  await storage.put(thumbKey, photo.thumb.data, photo.mime);
  return thumbKey;
}

/** The stored photo of an item residents may see (any item with a photo; photos of goods are not personal data). */
export async function loadItemPhoto(storage: PhotoStorage, key: string | null): Promise<Uint8Array | null> {
  return key ? storage.get(key) : null;
}

/** The photo key of an item, for GET /reward-photos/:id (null: no such item or no photo). */
export async function itemPhotoKey(db: DbOrTx, rawId: unknown): Promise<string | null> {
  const id = parseId(rawId);
  if (!id) return null;
  const [row] = await db.select({ key: rewardItems.photoKey }).from(rewardItems).where(eq(rewardItems.id, id));
  return row?.key ?? null;
}
