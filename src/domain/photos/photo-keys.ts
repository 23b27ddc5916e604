// Storage keys for a new photo: random (nothing from the upload's name or bytes), fanned out over 256 folders.
import { randomBytes } from 'node:crypto';

export function newPhotoKeys(ext: 'jpg' | 'webp' | 'png' = 'jpg'): { storageKey: string; thumbKey: string } {
  const id = randomBytes(16).toString('hex');
  const dir = id.slice(0, 2);
  return { storageKey: `${dir}/${id}.${ext}`, thumbKey: `${dir}/${id}_t.${ext}` };
}
