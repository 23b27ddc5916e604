// QR code strings: 13 symbols of a 31-letter alphabet without look-alikes (≈ 64 random bits), and the format check every scan passes first.
import { randomBytes } from 'node:crypto';

/** No 0/O, 1/I/L: people read these off posters and type them on phones. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 13;
/** Same rule as the database CHECK (qr_codes_code_format). */
export const CODE_FORMAT = /^[2-9A-HJKMNP-Z]{13}$/;

// 248 = 8 × 31: bytes at or above it are dropped so every symbol is equally likely (no modulo bias).
const LIMIT = 256 - (256 % CODE_ALPHABET.length);

export function generateCode(): string {
  let out = '';
  while (out.length < CODE_LENGTH) {
    for (const b of randomBytes(CODE_LENGTH * 2)) {
      if (b >= LIMIT) continue;
      out += CODE_ALPHABET[b % CODE_ALPHABET.length];
      if (out.length === CODE_LENGTH) break;
    }
  }
  return out;
}

/**
 * The canonical code for what a person typed or a URL carried, or null. Case and the spaces/dashes of the printed
 * grouping are forgiven; anything else (traversal, SQL, other alphabets) is rejected before it reaches the database.
 */
export function normalizeCode(raw: string | undefined | null): string | null {
  if (typeof raw !== 'string' || raw.length > 40) return null;
  const s = raw.replace(/[\s-]/g, '').toUpperCase();
  return CODE_FORMAT.test(s) ? s : null;
}

/** "ABCDEFGHJKMNP" → "ABCD EFGH JKMNP": easier to read aloud and to copy from a poster. */
export const groupCode = (code: string) => `${code.slice(0, 4)} ${code.slice(4, 8)} ${code.slice(8)}`;

/** The address a poster's QR holds: exactly BASE_URL/q/CODE. */
export const scanUrl = (baseUrl: string, code: string) => `${baseUrl.replace(/\/+$/, '')}/q/${code}`;
