// The QR symbol as one path of dark modules, error correction Q (25%: posters outdoors get dirty and torn).
import QRCode from 'qrcode';

export const QR_ERROR_CORRECTION = 'Q' as const;
/** The standard's quiet zone, in modules, kept white around the symbol. */
const QUIET = 4;

/**
 * Path data for the symbol drawn in a `size`-point square (quiet zone included) at (x, y). All runs go the same way
 * round in one path, so renderers fill their union without hairline seams between rows.
 */
export function qrPath(text: string, x: number, y: number, size: number): { d: string; modules: number; version: number } {
  const qr = QRCode.create(text, { errorCorrectionLevel: QR_ERROR_CORRECTION });
  const n = qr.modules.size;
  const m = size / (n + 2 * QUIET);
  const r = (v: number) => Math.round(v * 1000) / 1000;
  const parts: string[] = [];
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && qr.modules.get(row, col)) col++;
      const px = x + (start + QUIET) * m;
      const py = y + (row + QUIET) * m;
      parts.push(`M${r(px)} ${r(py)}h${r((col - start) * m)}v${r(m)}h${r(-(col - start) * m)}Z`);
    }
  }
  return { d: parts.join(''), modules: n, version: qr.version };
}
