// The image pipeline without a database: every bad fixture refused with its message, GPS gone, sizes capped, bombs refused fast.
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors';
import { MAX_PHOTO_BYTES, MAX_PHOTO_EDGE, THUMB_EDGE } from '../../src/domain/photos/contract';
import { IMAGE_WORK_MAX_WAITING, IMAGE_WORK_SLOTS, withImageWorkSlot } from '../../src/domain/photos/image-work-limit';
import { renderPhoto } from '../../src/domain/photos/render-photo';
import { zh } from '../../src/i18n/areas/photos';
import { badInputFile } from '../helpers/bad-inputs';
import { exifGpsTags, syntheticJpeg } from '../helpers/photos';

async function refusal(bytes: Uint8Array): Promise<AppError> {
  const err = await renderPhoto(bytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

/** The one check every stored copy must pass: no EXIF/GPS, no XMP, IPTC, ICC or orientation left. */
async function expectNoMetadata(jpeg: Buffer) {
  const m = await sharp(jpeg).metadata();
  expect(m.format).toBe('jpeg');
  expect(m.exif).toBeUndefined();
  expect(m.xmp).toBeUndefined();
  expect(m.iptc).toBeUndefined();
  expect(m.icc).toBeUndefined();
  expect(m.orientation).toBeUndefined();
}

describe('renderPhoto: the fixtures', () => {
  it.each([
    ['empty.jpg', 422, 'photo.err.empty'],
    ['html-as.jpg', 415, 'photo.err.type'],
    ['script.svg', 415, 'photo.err.type'],
    ['truncated.jpg', 422, 'photo.err.invalid'],
    ['pixel-bomb.png', 422, 'photo.err.tooManyPixels'],
  ] as const)('%s is refused (%i, %s) with a Chinese message', async (name, status, key) => {
    const err = await refusal(badInputFile(name));
    expect(err.status).toBe(status);
    expect(err.msg.key).toBe(key);
    expect(zh[key]).toMatch(/[\u4e00-\u9fff]/);
  });

  it('names the accepted types in the type message', () => {
    expect(zh['photo.err.type']).toBe('只能上传 JPG、PNG 或 WebP 照片。');
  });

  it('photo-with-gps.jpg: the input has GPS, the stored copy and thumbnail have no metadata at all', async () => {
    const input = badInputFile('photo-with-gps.jpg');
    const before = await sharp(input).metadata();
    expect(exifGpsTags(before.exif)).toEqual(expect.arrayContaining([1, 2, 3, 4])); // lat ref, lat, lon ref, lon
    expect(before.exif?.includes(Buffer.from('TestCam'))).toBe(true);

    const out = await renderPhoto(input);
    expect(out.mime).toBe('image/jpeg');
    expect([out.full.width, out.full.height]).toEqual([640, 480]);
    await expectNoMetadata(out.full.data);
    await expectNoMetadata(out.thumb.data);
    expect(exifGpsTags((await sharp(out.full.data).metadata()).exif)).toEqual([]);
    expect(out.full.data.includes(Buffer.from('TestCam'))).toBe(false);
    expect([out.thumb.width, out.thumb.height]).toEqual([320, 240]);
  });

  it('ok-small.png is accepted and not enlarged', async () => {
    const out = await renderPhoto(badInputFile('ok-small.png'));
    expect([out.full.width, out.full.height, out.thumb.width, out.thumb.height]).toEqual([64, 64, 64, 64]);
    expect(out.source).toBe('png');
  });
});

describe('renderPhoto: limits and shapes', () => {
  it('refuses more than MAX_PHOTO_BYTES before looking at the bytes (413)', async () => {
    const big = new Uint8Array(MAX_PHOTO_BYTES + 1);
    big.set([0xff, 0xd8, 0xff]);
    const err = await refusal(big);
    expect(err.status).toBe(413);
    expect(err.msg).toEqual({ key: 'photo.err.tooLarge', params: { size: '8 MB' } });
  });

  it('refuses the 16000×16000 pixel bomb from its header: fast, without decoding', async () => {
    const bomb = badInputFile('pixel-bomb.png');
    const rss = process.memoryUsage().rss;
    const started = performance.now();
    const err = await refusal(bomb);
    const ms = performance.now() - started;
    const grewMb = (process.memoryUsage().rss - rss) / 1e6;
    console.info(`pixel bomb refused in ${ms.toFixed(1)} ms, RSS +${grewMb.toFixed(1)} MB`);
    expect(err.msg.key).toBe('photo.err.tooManyPixels');
    // Decoding it would take ~770 MB and seconds; reading the header takes neither.
    expect(ms).toBeLessThan(500);
    expect(grewMb).toBeLessThan(64);
  });

  it('caps a 12 MP photo at 1600 px on the long side, thumbnail at 320', async () => {
    const input = await syntheticJpeg(4000, 3000);
    const started = performance.now();
    const out = await renderPhoto(input);
    console.info(`12 MP JPEG (${(input.length / 1e6).toFixed(1)} MB) rendered in ${(performance.now() - started).toFixed(0)} ms`);
    expect([out.full.width, out.full.height]).toEqual([MAX_PHOTO_EDGE, 1200]);
    expect([out.thumb.width, out.thumb.height]).toEqual([THUMB_EDGE, 240]);
    expect((await sharp(out.full.data).metadata()).width).toBe(MAX_PHOTO_EDGE);
  });

  it('turns the picture upright from EXIF orientation, then drops the tag', async () => {
    const input = await syntheticJpeg(400, 200, { orientation: 6 }); // stored landscape, "rotate 90° to view"
    expect((await sharp(input).metadata()).orientation).toBe(6);
    const out = await renderPhoto(input);
    expect([out.full.width, out.full.height]).toEqual([200, 400]);
    await expectNoMetadata(out.full.data);
  });

  it('accepts WebP and flattens transparency onto white', async () => {
    const webp = await sharp({ create: { width: 50, height: 40, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).webp({ lossless: true }).toBuffer();
    const out = await renderPhoto(webp);
    const { data, info } = await sharp(out.full.data).raw().toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(3);
    expect(data[0]).toBeGreaterThan(240);
  });

  it('refuses GIF, AVIF and HEIC (this build has no HEVC decoder) with readable messages', async () => {
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: 'blue' } }).gif().toBuffer();
    expect((await refusal(gif)).msg.key).toBe('photo.err.type');
    const avif = await sharp({ create: { width: 8, height: 8, channels: 3, background: 'blue' } }).avif().toBuffer();
    expect((await refusal(avif)).msg.key).toBe('photo.err.type');
    // An AVIF relabelled as HEIC (brands and item type): what an iPhone .heic looks like to the sniffer.
    const heic = Buffer.from(avif.toString('latin1').replaceAll('avif', 'heic').replaceAll('av01', 'hvc1'), 'latin1');
    const err = await refusal(heic);
    expect([err.status, err.msg.key]).toEqual([415, 'photo.err.heic']);
  });

  it('refuses random bytes behind a JPEG or PNG signature as not a valid image', async () => {
    const jpegish = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(2000)]);
    const pngish = Buffer.concat([badInputFile('ok-small.png').subarray(0, 16), randomBytes(2000)]);
    for (const bytes of [jpegish, pngish]) expect((await refusal(bytes)).msg.key).toBe('photo.err.invalid');
  });
});

describe('image work slots', () => {
  it(`run at most IMAGE_WORK_SLOTS (${IMAGE_WORK_SLOTS}) at once and refuse (503) past ${IMAGE_WORK_MAX_WAITING} waiting`, async () => {
    let running = 0;
    let peak = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const task = () =>
      withImageWorkSlot(async () => {
        peak = Math.max(peak, ++running);
        await gate;
        running--;
      });
    const tasks = Array.from({ length: IMAGE_WORK_SLOTS + IMAGE_WORK_MAX_WAITING }, task);
    const overflow = await task().catch((e: AppError) => e);
    expect(overflow).toBeInstanceOf(AppError);
    expect([(overflow as AppError).status, (overflow as AppError).msg.key]).toEqual([503, 'photo.err.busy']);
    release();
    await Promise.all(tasks);
    expect(peak).toBe(IMAGE_WORK_SLOTS);
    await task(); // the slots are free again
  });
});
