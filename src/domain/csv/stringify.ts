// Writes CSV that Excel opens correctly: UTF-8 with BOM, CRLF, quoted cells, and formula-looking cells neutralised.
import type { CsvColumn } from './parse';

/** Excel/LibreOffice treat a cell starting with these as a formula (=cmd|'/c calc'!A1); a leading ' makes it text. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(columns: readonly CsvColumn[], rows: readonly Record<string, string | number | null | undefined>[]): string {
  const lines = [columns.map((c) => quote(neutraliseCell(c.zh))).join(',')];
  for (const row of rows) {
    lines.push(columns.map((c) => quote(neutraliseCell(row[c.key] == null ? '' : String(row[c.key])))).join(','));
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** RFC 6266/5987: an ASCII fallback plus the UTF-8 name, so Chinese file names survive every browser. */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
