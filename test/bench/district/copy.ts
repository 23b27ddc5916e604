// Streams generated rows into PostgreSQL with COPY … FROM STDIN (text format), in chunks, minding backpressure.
import type { Sql } from 'postgres';

/** `row(i)` returns one line's fields (null → \N); values must not contain tabs, newlines or backslashes. */
export async function copyRows(sql: Sql, table: string, columns: string[], count: number, row: (i: number) => (string | number | null)[]): Promise<void> {
  const stream = await sql.unsafe(`copy ${table} (${columns.join(', ')}) from stdin`).writable();
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  const CHUNK = 5000;
  for (let start = 0; start < count; start += CHUNK) {
    let text = '';
    for (let i = start; i < Math.min(count, start + CHUNK); i++) text += `${row(i).map((v) => (v === null ? '\\N' : String(v))).join('\t')}\n`;
    if (!stream.write(text)) await new Promise((r) => stream.once('drain', r));
  }
  stream.end();
  await done;
}
