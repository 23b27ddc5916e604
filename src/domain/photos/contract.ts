// The contract between the submission form and the photo pipeline (implemented in this folder).
import type { DbOrTx } from '../../db/client';

import type { PhotoStorage } from '../../infra/photo-storage';

export type { PhotoStorage };

export interface IngestedPhoto {
  id: number;
  width: number;
  height: number;
  bytes: number;
  mime: string;
}

/** At most this many photos per item: checked by the form (where the browser allows) and by the server always. */
export const MAX_PHOTOS_PER_ITEM = 4;
/** Per-file upload limit before any decoding. */
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;

export type IngestPhoto = (
  deps: { db: DbOrTx; storage: PhotoStorage },
  input: { bytes: Uint8Array; draftToken: string; uploaderUserId: number | null },
) => Promise<IngestedPhoto>;

export type AttachDraftPhotos = (tx: DbOrTx, input: { draftToken: string; submissionId: number; userId: number }) => Promise<number>;

/** Cookie holding the draft form's token (set by the submit form, read by GET /photos/:id for draft photos). */
export const DRAFT_COOKIE = 'anlin_draft';
/** What a draft token looks like (see newDraftToken in draft-token.ts); anything else is refused before the database. */
export const DRAFT_TOKEN_RE = /^[A-Za-z0-9_-]{22,64}$/;
/** Header dimensions above this are refused before decoding (a 16000×16000 PNG would need ~770 MB decoded). */
export const MAX_PHOTO_PIXELS = 40_000_000;
/** Stored photos are at most this many px on the long side; thumbnails at most THUMB_EDGE. */
export const MAX_PHOTO_EDGE = 1600;
export const THUMB_EDGE = 320;
/** Draft photos never attached to a submission are deleted (row and files) after this long. */
export const DRAFT_PHOTO_TTL_MS = 24 * 3600_000;

export interface PhotoView {
  id: number;
  width: number;
  height: number;
  /** Paths served by src/routes/photos.tsx. */
  url: string;
  thumbUrl: string;
}
