// A4 sheets of 4 (2×2) or 8 (2×4) smaller codes for building lobbies, with dashed cut lines between them.
import { groupCode } from '../generate-code';
import { A4, type Drawing, type Shape } from './drawing';
import { loadGlyphsFor } from './fonts';
import { ACCENT, headline, INK, MUTED, posterT, type PosterData } from './poster-data';
import { qrPath } from './qr-matrix';
import { fit, printable, textPath, type TextStyle } from './text';

export type SheetSize = 4 | 8;

export async function sheetDrawings(items: PosterData[], perPage: SheetSize): Promise<Drawing[]> {
  await loadGlyphsFor(items.flatMap((p) => [p.communityName, headline(p.purpose), printable(p.label), posterT('qr.poster.code', { code: groupCode(p.code) })]));
  const cols = 2;
  const rows = perPage / cols;
  const w = A4.width / cols;
  const h = A4.height / rows;
  const pages: Drawing[] = [];
  for (let i = 0; i < items.length; i += perPage) {
    const shapes: Shape[] = [];
    items.slice(i, i + perPage).forEach((p, j) => {
      const x = (j % cols) * w;
      const y = Math.floor(j / cols) * h;
      shapes.push({ kind: 'rect', x: x + 0.5, y: y + 0.5, w: w - 1, h: h - 1, stroke: '#b8bec8', lineWidth: 0.6, dash: 4 });
      (perPage === 4 ? cell4 : cell8)(shapes, p, x, y, w, h);
    });
    pages.push({ width: A4.width, height: A4.height, shapes });
  }
  return pages;
}

type Put = (s: string, x: number, y: number, style: TextStyle, opts: { maxWidth: number; maxLines: number; minSize: number; fill?: string; align?: 'left' | 'center' }) => number;

const put =
  (shapes: Shape[]): Put =>
  (s, x, y, style, o) => {
    const f = fit(s, style, o);
    const lh = f.style.size * 1.3;
    f.lines.forEach((line, i) => shapes.push({ kind: 'path', d: textPath(line, x, y + i * lh, f.style, o.align ?? 'left'), fill: o.fill ?? INK }));
    return y + (f.lines.length - 1) * lh;
  };

function cell4(shapes: Shape[], p: PosterData, x: number, y: number, w: number, h: number) {
  const accent = ACCENT[p.purpose];
  const cx = x + w / 2;
  const inner = w - 40;
  const text = put(shapes);
  shapes.push({ kind: 'rect', x: x + 16, y: y + 16, w: w - 32, h: 34, fill: accent, radius: 6 });
  text(p.communityName, cx, y + 39, { size: 15, weight: 'bold' }, { maxWidth: inner, maxLines: 1, minSize: 9, fill: '#fff', align: 'center' });
  const after = text(headline(p.purpose), cx, y + 76, { size: 15, weight: 'bold' }, { maxWidth: inner, maxLines: 2, minSize: 10, fill: accent, align: 'center' });
  const qr = 220;
  const qrTop = after + 10;
  shapes.push({ kind: 'path', d: qrPath(p.url, cx - qr / 2, qrTop, qr).d, fill: '#000', crisp: true });
  text(printable(p.label), cx, qrTop + qr + 18, { size: 15, weight: 'bold' }, { maxWidth: inner, maxLines: 2, minSize: 10, align: 'center' });
  text(posterT('qr.poster.code', { code: groupCode(p.code) }), cx, y + h - 18, { size: 11, weight: 'regular' }, { maxWidth: inner, maxLines: 1, minSize: 8, fill: MUTED, align: 'center' });
}

function cell8(shapes: Shape[], p: PosterData, x: number, y: number, w: number, h: number) {
  const accent = ACCENT[p.purpose];
  const text = put(shapes);
  const qr = 168;
  shapes.push({ kind: 'path', d: qrPath(p.url, x + 8, y + (h - qr) / 2, qr).d, fill: '#000', crisp: true });
  const tx = x + qr + 12;
  const tw = w - qr - 24;
  shapes.push({ kind: 'rect', x: tx, y: y + 22, w: 4, h: h - 44, fill: accent });
  const col = tx + 12;
  const cw = tw - 12;
  let ty = text(p.communityName, col, y + 42, { size: 11, weight: 'bold' }, { maxWidth: cw, maxLines: 1, minSize: 7, fill: accent });
  ty = text(headline(p.purpose), col, ty + 22, { size: 12, weight: 'bold' }, { maxWidth: cw, maxLines: 3, minSize: 8 });
  text(printable(p.label), col, ty + 24, { size: 12, weight: 'regular' }, { maxWidth: cw, maxLines: 3, minSize: 8 });
  text(groupCode(p.code), col, y + h - 30, { size: 9, weight: 'regular' }, { maxWidth: cw, maxLines: 1, minSize: 6, fill: MUTED });
}
