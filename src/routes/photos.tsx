// Serves stored photos and thumbnails, only to people allowed to see the item (everyone else gets 404).
import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../app-env';
import { notFound } from '../domain/errors';
import { DRAFT_COOKIE } from '../domain/photos/contract';
import { getPhotoForViewer } from '../domain/photos/get-photo-for-viewer';

export const photosRoutes = new Hono<AppEnv>();

async function servePhoto(c: Context<AppEnv>, variant: 'full' | 'thumb') {
  const raw = c.req.param('id') ?? '';
  // Digits only: "1 OR 1=1", "-1", "%2e%2e" never reach the database.
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) throw notFound();
  const { db, photos } = c.var.deps;
  const photo = await getPhotoForViewer(
    { db, storage: photos },
    {
      photoId: Number(raw),
      variant,
      viewer: { userId: c.var.user?.id ?? null, staffScope: c.var.staffScope, draftToken: getCookie(c, DRAFT_COOKIE) ?? null },
    },
  );
  return c.body(photo.bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': photo.mime,
    'Content-Length': String(photo.bytes.byteLength),
    // Private: a shared cache must never hand one resident's photo to another.
    'Cache-Control': 'private, max-age=3600',
    Vary: 'Cookie',
    'X-Content-Type-Options': 'nosniff',
    'Content-Disposition': 'inline',
  });
}

photosRoutes.get('/photos/:id', (c) => servePhoto(c, 'full'));
photosRoutes.get('/photos/:id/thumb', (c) => servePhoto(c, 'thumb'));
