// One A4 poster: community band, what to do here, a large QR, the place, and the typed-address fallback.
import { groupCode } from '../generate-code';
import { A4, type Drawing, type Shape } from './drawing';
import { loadGlyphsFor } from './fonts';
import { ACCENT, headline, INK, instruction, MUTED, posterT, type PosterData } from './poster-data';
import { qrPath } from './qr-matrix';
import { fit, printable, textPath, type TextStyle } from './text';

const W = A4.width;
const MARGIN = 40;
const QR_SIZE = 330;

export function posterTexts(p: PosterData): string[] {
  return [
    p.communityName,
    posterT('app.name'),
    posterT('app.tagline'),
    headline(p.purpose),
    instruction(p.purpose),
    printable(p.label),
    [p.communityName, ...p.place].join(' › '),
    posterT('qr.poster.fallback'),
    p.url,
    posterT('qr.poster.code', { code: groupCode(p.code) }),
    posterT('qr.poster.footer', { community: p.communityName }),
  ];
}

export async function posterDrawing(p: PosterData): Promise<Drawing> {
  await loadGlyphsFor(posterTexts(p));
  const accent = ACCENT[p.purpose];
  const shapes: Shape[] = [];
  const text = (s: string, y: number, style: TextStyle, fill = INK, x = W / 2, align: 'center' | 'left' = 'center') =>
    shapes.push({ kind: 'path', d: textPath(s, x, y, style, align), fill });
  const block = (s: string, y: number, style: TextStyle, maxLines: number, minSize: number, fill = INK, maxWidth = W - 2 * MARGIN) => {
    const f = fit(s, style, { maxWidth, maxLines, minSize });
    const lh = f.style.size * 1.3;
    f.lines.forEach((line, i) => text(line, y + i * lh, f.style, fill));
    return y + (f.lines.length - 1) * lh;
  };

  shapes.push({ kind: 'rect', x: 0, y: 0, w: W, h: 118, fill: accent });
  block(p.communityName, 60, { size: 34, weight: 'bold' }, 1, 20, '#fff');
  text(`${posterT('app.name')} · ${posterT('app.tagline')}`, 94, { size: 15, weight: 'regular' }, '#fff');

  let y = block(headline(p.purpose), 170, { size: 30, weight: 'bold' }, 2, 18, accent);

  const qrTop = y + 30;
  const qrX = (W - QR_SIZE) / 2;
  shapes.push({ kind: 'rect', x: qrX - 4, y: qrTop - 4, w: QR_SIZE + 8, h: QR_SIZE + 8, stroke: accent, lineWidth: 3, radius: 14 });
  shapes.push({ kind: 'path', d: qrPath(p.url, qrX, qrTop, QR_SIZE).d, fill: '#000', crisp: true });

  y = block(printable(p.label), qrTop + QR_SIZE + 48, { size: 26, weight: 'bold' }, 2, 16);
  y = block([p.communityName, ...p.place].join(' › '), y + 30, { size: 16, weight: 'regular' }, 1, 10, MUTED);
  block(instruction(p.purpose), y + 32, { size: 18, weight: 'regular' }, 2, 12);

  const boxY = 696;
  shapes.push({ kind: 'rect', x: MARGIN, y: boxY, w: W - 2 * MARGIN, h: 104, fill: '#f1f3f6', radius: 10 });
  text(posterT('qr.poster.fallback'), boxY + 26, { size: 13, weight: 'regular' }, MUTED);
  block(p.url, boxY + 50, { size: 15, weight: 'regular' }, 1, 8, INK, W - 2 * MARGIN - 24);
  text(posterT('qr.poster.code', { code: groupCode(p.code) }), boxY + 84, { size: 21, weight: 'bold', tracking: 0.04 });
  text(posterT('qr.poster.footer', { community: p.communityName }), 824, { size: 11, weight: 'regular' }, MUTED);
  return { width: A4.width, height: A4.height, shapes };
}
