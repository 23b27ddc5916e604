// The image half of ingest: checks the bytes, reads the header, then decodes once into a stored copy and a thumbnail without metadata.
import sharp from 'sharp';
import { AppError } from '../errors';
import { MAX_PHOTO_BYTES, MAX_PHOTO_EDGE, MAX_PHOTO_PIXELS, THUMB_EDGE } from './contract';
import { HEIC_DECODABLE } from './image-support';
import { withImageWorkSlot } from './image-work-limit';
import { sniffImage, type SniffedType } from './sniff-image';

export interface RenderedImage {
  data: Buffer;
  width: number;
  height: number;
}
export interface RenderedPhoto {
  full: RenderedImage;
  thumb: RenderedImage;
  mime: 'image/jpeg';
  /** What the upload was, for logs. */
  source: SniffedType;
}

/** sharp's own format names for what we accept; the header must agree with the magic bytes. */
const SHARP_FORMAT: Partial<Record<SniffedType, string>> = { jpeg: 'jpeg', png: 'png', webp: 'webp', heic: 'heif' };
const MB = 1024 * 1024;
const unsupported = () => new AppError('unsupported_media_type', 'photo.err.type');
const invalid = () => new AppError('validation', 'photo.err.invalid');

export async function renderPhoto(bytes: Uint8Array): Promise<RenderedPhoto> {
  // Cheap refusals first, before sharp (or the work queue) sees a byte.
  if (bytes.byteLength === 0) throw new AppError('validation', 'photo.err.empty');
  if (bytes.byteLength > MAX_PHOTO_BYTES) throw new AppError('payload_too_large', { key: 'photo.err.tooLarge', params: { size: `${MAX_PHOTO_BYTES / MB} MB` } });
  const source = sniffImage(bytes);
  if (source === 'heic' && !HEIC_DECODABLE) throw new AppError('unsupported_media_type', 'photo.err.heic');
  if (!SHARP_FORMAT[source]) throw unsupported();

  return withImageWorkSlot(async () => {
    const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // failOn 'error' refuses truncated/corrupt pixel data; plain libjpeg warnings (common from cheap cameras) still pass.
    const options = { limitInputPixels: MAX_PHOTO_PIXELS, failOn: 'error' as const };
    const meta = await sharp(input, options)
      .metadata()
      .catch((err: Error) => {
        throw /pixel limit/i.test(err.message) ? tooManyPixels() : source === 'heic' ? new AppError('unsupported_media_type', 'photo.err.heic') : invalid();
      });
    if (meta.format !== SHARP_FORMAT[source]) throw unsupported();
    if (!meta.width || !meta.height) throw invalid();
    // metadata() read the header only; this check is what keeps a pixel bomb from ever being decoded.
    if (meta.width * meta.height > MAX_PHOTO_PIXELS) throw tooManyPixels();

    let full: RenderedImage;
    try {
      const { data, info } = await sharp(input, options)
        .autoOrient()
        .resize({ width: MAX_PHOTO_EDGE, height: MAX_PHOTO_EDGE, fit: 'inside', withoutEnlargement: true })
        .flatten({ background: '#ffffff' })
        // No withMetadata()/keepExif(): the output carries no EXIF (GPS, camera, time), XMP, IPTC or ICC.
        .jpeg({ quality: 82, mozjpeg: false })
        .toBuffer({ resolveWithObject: true });
      full = { data, width: info.width, height: info.height };
    } catch {
      throw invalid();
    }
    // The thumbnail comes from the already small copy: a second full decode of the upload would cost far more.
    const { data, info } = await sharp(full.data)
      .resize({ width: THUMB_EDGE, height: THUMB_EDGE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 78 })
      .toBuffer({ resolveWithObject: true });
    return { full, thumb: { data, width: info.width, height: info.height }, mime: 'image/jpeg', source };
  });
}

const tooManyPixels = () => new AppError('validation', { key: 'photo.err.tooManyPixels', params: { mp: String(MAX_PHOTO_PIXELS / 1_000_000) } });
