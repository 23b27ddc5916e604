// Which upload types this build of sharp can take. HEIC depends on libvips having an HEVC decoder, which prebuilt sharp lacks.
import sharp from 'sharp';

const heifIn = sharp.format.heif?.input;
/**
 * `format.heif.input.buffer` is true whenever libheif is present, even when it can only decode AV1 (AVIF).
 * libvips lists ".heic" among heifload's suffixes only when libheif has an HEVC decoder, so that is the real test.
 */
export const HEIC_DECODABLE: boolean = !!heifIn?.buffer && (heifIn.fileSuffix ?? []).includes('.heic');
