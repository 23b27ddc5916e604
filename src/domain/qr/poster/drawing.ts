// A page as filled shapes in points (origin top left), written out either as SVG (for PNG via sharp) or into a PDF page.
import PDFDocument from 'pdfkit';

export type Shape =
  | { kind: 'path'; d: string; fill: string; crisp?: boolean }
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill?: string; stroke?: string; lineWidth?: number; dash?: number; radius?: number };

export interface Drawing {
  width: number;
  height: number;
  shapes: Shape[];
}

export const A4 = { width: 595.28, height: 841.89 };

const esc = (s: string) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

/** SVG sized `pxPerPt` pixels per point; every glyph is already a path, so the rasteriser needs no fonts at all. */
export function toSvg(d: Drawing, pxPerPt: number): string {
  const body = d.shapes.map((s) => {
    if (s.kind === 'path') return `<path d="${esc(s.d)}" fill="${esc(s.fill)}"${s.crisp ? ' shape-rendering="crispEdges"' : ''}/>`;
    const stroke = s.stroke ? ` stroke="${esc(s.stroke)}" stroke-width="${s.lineWidth ?? 1}"${s.dash ? ` stroke-dasharray="${s.dash} ${s.dash}"` : ''}` : '';
    return `<rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" rx="${s.radius ?? 0}" fill="${esc(s.fill ?? 'none')}"${stroke}/>`;
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.round(d.width * pxPerPt)}" height="${Math.round(d.height * pxPerPt)}" ` +
    `viewBox="0 0 ${d.width} ${d.height}"><rect width="100%" height="100%" fill="#fff"/>${body.join('')}</svg>`
  );
}

export function addPdfPage(doc: PDFKit.PDFDocument, d: Drawing): void {
  doc.addPage({ size: [d.width, d.height], margin: 0 });
  for (const s of d.shapes) {
    if (s.kind === 'path') {
      doc.path(s.d).fill(s.fill);
      continue;
    }
    if (s.radius) doc.roundedRect(s.x, s.y, s.w, s.h, s.radius);
    else doc.rect(s.x, s.y, s.w, s.h);
    if (s.stroke) {
      doc.lineWidth(s.lineWidth ?? 1);
      if (s.dash) doc.dash(s.dash, { space: s.dash });
      if (s.fill) doc.fillAndStroke(s.fill, s.stroke);
      else doc.stroke(s.stroke);
      doc.undash();
    } else doc.fill(s.fill ?? '#000');
  }
}

/**
 * A PDF with one page per drawing. Pages are laid out and compressed one at a time with a turn of the event loop in
 * between, so a 62-page file never blocks other requests for seconds.
 */
export async function pdfBuffer(title: string, pages: Iterable<Drawing> | AsyncIterable<Drawing>): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false, margin: 0, info: { Title: title, Author: '安邻 Anlin', Creator: '安邻 Anlin' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for await (const d of pages) {
    addPdfPage(doc, d);
    await new Promise((r) => setImmediate(r));
  }
  doc.end();
  return done;
}
