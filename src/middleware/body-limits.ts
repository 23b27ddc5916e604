// Request body limits: small everywhere, larger only on the routes that take uploads (listed here, in one place).
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../domain/errors';
import type { MessageKey } from '../i18n/messages';

const DEFAULT_LIMIT = 64 * 1024;

/** Path prefix → limit in bytes; the longest matching prefix wins. */
export const UPLOAD_LIMITS: Record<string, number> = {
  '/admin/import/': 10 * 1024 * 1024,
  // The report form: up to 4 photos of 8 MB (MAX_PHOTOS_PER_ITEM × MAX_PHOTO_BYTES) plus the text fields.
  '/report': 4 * 8 * 1024 * 1024 + 1024 * 1024,
  // The 积分超市 catalog form: one photo of 8 MB plus the text fields.
  '/clerk/catalog': 9 * 1024 * 1024,
};

/** Where a generic "too large" would puzzle people, a prefix may name what was too large (e.g. the CSV file). */
const LIMIT_MESSAGES: Record<string, MessageKey> = {
  '/admin/import/': 'csv.err.tooLarge',
};

const limiters = new Map<string, MiddlewareHandler>();
const limiterFor = (maxSize: number, key: MessageKey) => {
  let mw = limiters.get(`${maxSize}:${key}`);
  if (!mw) {
    mw = bodyLimit({
      maxSize,
      onError: () => {
        throw new AppError('payload_too_large', { key, params: { size: maxSize >= 1024 * 1024 ? `${Math.round(maxSize / 1024 / 1024)} MB` : `${Math.round(maxSize / 1024)} KB` } });
      },
    });
    limiters.set(`${maxSize}:${key}`, mw);
  }
  return mw;
};

export const bodyLimits: MiddlewareHandler = (c, next) => {
  // No route reads a GET or HEAD body; hono's bodyLimit would read c.req.raw.body, which makes @hono/node-server build
  // a full web Request (and an AbortController) for every page view.
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
  const match = Object.keys(UPLOAD_LIMITS)
    .filter((prefix) => c.req.path.startsWith(prefix))
    .sort((a, b) => b.length - a.length)[0];
  return limiterFor(match ? UPLOAD_LIMITS[match] : DEFAULT_LIMIT, (match && LIMIT_MESSAGES[match]) || 'error.413.limit')(c, next);
};
