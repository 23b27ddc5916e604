// Where a photo is served (src/routes/photos.tsx); one place so pages never build these paths by hand.
import type { PhotoView } from './contract';

export const photoUrl = (id: number) => `/photos/${id}`;
export const photoThumbUrl = (id: number) => `/photos/${id}/thumb`;
export const toPhotoView = (p: { id: number; width: number; height: number }): PhotoView => ({
  id: p.id,
  width: p.width,
  height: p.height,
  url: photoUrl(p.id),
  thumbUrl: photoThumbUrl(p.id),
});
