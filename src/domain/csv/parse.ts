// Parses decoded CSV text into rows keyed by field name; headers may be the Chinese labels or the English keys.
import { parse } from 'csv-parse/sync';
import { AppError } from '../errors';

export interface CsvColumn {
  /** English key, also accepted as a header; the field name rows are keyed by. */
  key: string;
  /** Chinese header written on export and in templates. */
  zh: string;
  /** Other headers people type, e.g. "编号". */
  aliases?: string[];
  required?: boolean;
}

export interface CsvRow {
  /** The row number Excel shows: the header is row 1. */
  line: number;
  cells: Record<string, string>;
}

export const MAX_IMPORT_ROWS = 5000;

/** Undoes the export's formula neutralising ('=x → =x), so an exported file imports back unchanged. */
const restoreCell = (v: string) => (/^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v);

/** "网格编码(多个用 | 分隔)" and "网格编码（多个）" both mean 网格编码; case and width do not matter. */
export const normaliseHeader = (h: string) =>
  h.normalize('NFKC').replace(/\(.*\)\s*$/, '').trim().toLowerCase().replace(/\s+/g, '');

function detectDelimiter(text: string): string {
  const first = text.slice(0, text.search(/\r?\n|$/));
  return !first.includes(',') && first.includes('\t') ? '\t' : !first.includes(',') && first.includes(';') ? ';' : ',';
}

export function parseCsv(text: string, columns: readonly CsvColumn[], maxRows = MAX_IMPORT_ROWS): { rows: CsvRow[]; ignored: string[] } {
  let records: string[][];
  try {
    records = parse(text, { delimiter: detectDelimiter(text), relax_column_count: true, skip_empty_lines: true, trim: false });
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new AppError('validation', { key: 'csv.err.malformed', params: { line: line ?? '?' } });
  }
  if (records.length === 0) throw new AppError('validation', 'csv.err.empty');
  const header = records[0].map(normaliseHeader);
  const byHeader = new Map<string, string>();
  for (const col of columns) for (const h of [col.key, col.zh, ...(col.aliases ?? [])]) byHeader.set(normaliseHeader(h), col.key);

  const index = new Map<string, number>();
  const ignored: string[] = [];
  header.forEach((h, i) => {
    const key = byHeader.get(h);
    if (!key) return void (h && ignored.push(records[0][i].trim()));
    if (index.has(key)) throw new AppError('validation', { key: 'csv.err.duplicateColumn', params: { col: records[0][i].trim() } });
    index.set(key, i);
  });
  const missing = columns.filter((c) => c.required && !index.has(c.key)).map((c) => c.zh);
  if (missing.length) throw new AppError('validation', { key: 'csv.err.missingColumns', params: { cols: missing.join('、') } });

  const rows: CsvRow[] = [];
  for (let r = 1; r < records.length; r++) {
    const rec = records[r];
    // Excel leaves rows of bare commas after the data; they are not rows anyone meant.
    if (rec.every((cell) => cell.trim() === '')) continue;
    if (rows.length >= maxRows) throw new AppError('validation', { key: 'csv.err.tooManyRows', params: { max: maxRows } });
    const cells: Record<string, string> = {};
    for (const [key, i] of index) cells[key] = restoreCell(rec[i] ?? '');
    rows.push({ line: r + 1, cells });
  }
  if (rows.length === 0) throw new AppError('validation', 'csv.err.noRows');
  return { rows, ignored };
}
