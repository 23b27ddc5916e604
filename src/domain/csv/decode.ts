// Turns uploaded CSV bytes into text: UTF-8 (BOM stripped) when the bytes are valid UTF-8, else GB18030/GBK, which is what Excel in China saves.
import iconv from 'iconv-lite';
import { AppError } from '../errors';

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'gbk';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes.length === 0) throw new AppError('validation', 'csv.err.empty');
  // UTF-16 (Excel's "Unicode text") is tab-separated and not what we ask for; say so instead of showing mojibake.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) throw new AppError('validation', 'csv.err.utf16');
  const hasBom = UTF8_BOM.every((b, i) => bytes[i] === b);
  const body = hasBom ? bytes.subarray(3) : bytes;
  let text: string;
  let encoding: CsvEncoding;
  try {
    // fatal: invalid UTF-8 throws, which is how GBK files are recognised (GBK Chinese is almost never valid UTF-8).
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    encoding = hasBom ? 'utf-8-bom' : 'utf-8';
  } catch {
    // GB18030 is a superset of GBK: decoding with it also reads the rarer characters some names use.
    text = iconv.decode(Buffer.from(body), 'gb18030');
    encoding = 'gbk';
  }
  // Postgres text cannot hold NUL; a binary file renamed .csv lands here too.
  if (text.includes('\u0000')) throw new AppError('validation', 'csv.err.binary');
  return { text, encoding };
}
