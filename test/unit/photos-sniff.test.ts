// Magic-byte sniffing: the fixtures and hand-made headers are named by their bytes, never by their file names.
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { sniffImage } from '../../src/domain/photos/sniff-image';
import { HEIC_DECODABLE } from '../../src/domain/photos/image-support';
import { badInputFile } from '../helpers/bad-inputs';

const ftyp = (major: string, ...compatible: string[]) => {
  const size = 16 + compatible.length * 4;
  const b = Buffer.alloc(size + 8);
  b.writeUInt32BE(size, 0);
  b.write(`ftyp${major}\0\0\0\0${compatible.join('')}`, 4, 'latin1');
  return b;
};

describe('sniffImage', () => {
  it('names the fixture files by content', () => {
    expect(sniffImage(badInputFile('photo-with-gps.jpg'))).toBe('jpeg');
    expect(sniffImage(badInputFile('ok-small.png'))).toBe('png');
    expect(sniffImage(badInputFile('pixel-bomb.png'))).toBe('png');
    expect(sniffImage(badInputFile('truncated.jpg'))).toBe('jpeg'); // a JPEG header; the decoder refuses the rest
    expect(sniffImage(badInputFile('html-as.jpg'))).toBe('unknown');
    expect(sniffImage(badInputFile('script.svg'))).toBe('svg');
    expect(sniffImage(badInputFile('empty.jpg'))).toBe('unknown');
  });

  it('knows WebP, GIF and the HEIF family by brand', async () => {
    const webp = await sharp({ create: { width: 8, height: 8, channels: 3, background: 'red' } }).webp().toBuffer();
    expect(sniffImage(webp)).toBe('webp');
    expect(sniffImage(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'))).toBe('gif');
    expect(sniffImage(ftyp('heic', 'mif1', 'heic'))).toBe('heic');
    expect(sniffImage(ftyp('mif1', 'heic'))).toBe('heic');
    expect(sniffImage(ftyp('avif', 'mif1', 'avif'))).toBe('avif');
    expect(sniffImage(ftyp('isom', 'mp41'))).toBe('unknown'); // an MP4 video
  });

  it('refuses short and lookalike inputs', () => {
    expect(sniffImage(new Uint8Array([0xff, 0xd8]))).toBe('unknown');
    expect(sniffImage(Buffer.from('RIFF\0\0\0\0WAVE', 'latin1'))).toBe('unknown');
    expect(sniffImage(Buffer.from('\uFEFF<?xml version="1.0"?>\n<svg viewBox="0 0 1 1"></svg>'))).toBe('svg');
  });

  it('reports whether this sharp build decodes HEIC (prebuilt libvips: AVIF only)', () => {
    // Informational: the pipeline refuses HEIC with its own message whenever this is false.
    expect(typeof HEIC_DECODABLE).toBe('boolean');
    expect(HEIC_DECODABLE).toBe((sharp.format.heif.input.fileSuffix ?? []).includes('.heic'));
  });
});
