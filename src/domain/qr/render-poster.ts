// Print-ready posters: one A4 page per code as PDF (vector) or PNG (150 dpi), both from the same drawing.
import sharp from 'sharp';
import { pdfBuffer, toSvg, type Drawing } from './poster/drawing';
import type { PosterData } from './poster/poster-data';
import { posterDrawing } from './poster/poster-layout';

export type { PosterData } from './poster/poster-data';

export const POSTER_DPI = 150;

// Glyphs are paths already, so librsvg needs no font; density metadata makes the PNG print at A4 size.
const pngOf = (d: Drawing, dpi: number) => sharp(Buffer.from(toSvg(d, dpi / 72))).png().withMetadata({ density: dpi }).toBuffer();

/** One page per poster, laid out lazily page by page (see pdfBuffer). */
export function renderPosterPdf(items: readonly PosterData[], title = '安邻 二维码海报'): Promise<Buffer> {
  return pdfBuffer(
    title,
    (async function* () {
      for (const p of items) yield await posterDrawing(p);
    })(),
  );
}

export async function renderPosterPng(p: PosterData, dpi = POSTER_DPI): Promise<Buffer> {
  return pngOf(await posterDrawing(p), dpi);
}

/** Both files of one poster, laid out once (the CLI writes both for every code). */
export async function renderPosterFiles(p: PosterData, dpi = POSTER_DPI): Promise<{ pdf: Buffer; png: Buffer }> {
  const d = await posterDrawing(p);
  const [pdf, png] = await Promise.all([pdfBuffer(p.label, [d]), pngOf(d, dpi)]);
  return { pdf, png };
}
