// Voucher codes: 8 symbols of the posters' alphabet without look-alikes (no 0/O, 1/I/L), ≈ 40 random bits, and the
// check every typed or scanned code passes before it reaches the database.
import { randomBytes } from 'node:crypto';
import { AppError } from '../errors';
import { CODE_ALPHABET } from '../qr/generate-code';

export const VOUCHER_CODE_LENGTH = 8;
const FORMAT = /^[2-9A-HJKMNP-Z]{8}$/;
// 248 = 8 × 31: bytes at or above it are dropped so every symbol is equally likely (no modulo bias).
const LIMIT = 256 - (256 % CODE_ALPHABET.length);

export function generateVoucherCode(): string {
  let out = '';
  while (out.length < VOUCHER_CODE_LENGTH) {
    for (const b of randomBytes(VOUCHER_CODE_LENGTH * 2)) {
      if (b >= LIMIT) continue;
      out += CODE_ALPHABET[b % CODE_ALPHABET.length];
      if (out.length === VOUCHER_CODE_LENGTH) break;
    }
  }
  return out;
}

/** "ABCD2345" → "ABCD 2345", as printed on the voucher page. */
export const groupVoucherCode = (code: string) => `${code.slice(0, 4)} ${code.slice(4)}`;

/**
 * The canonical code for what a clerk typed or the camera read (the code alone, or the voucher URL the QR holds).
 * Case, spaces and dashes are forgiven; a look-alike (0 O 1 I L) or any other character is refused with a message
 * saying which symbols a code uses, so the clerk re-reads it instead of guessing.
 */
export function parseVoucherCode(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 200) throw new AppError('validation', 'rewards.err.codeFormat', { code: { key: 'rewards.err.codeFormat' } });
  const fromUrl = /[?&]code=([^&#]+)/.exec(raw);
  const s = (fromUrl ? decodeURIComponent(fromUrl[1]) : raw).replace(/[\s-]/g, '').toUpperCase();
  if (!s) throw new AppError('validation', 'rewards.err.codeEmpty', { code: { key: 'rewards.err.codeEmpty' } });
  if (/^[0-9A-Z]{8}$/.test(s) && /[01OIL]/.test(s)) throw new AppError('validation', 'rewards.err.codeAmbiguous', { code: { key: 'rewards.err.codeAmbiguous' } });
  if (!FORMAT.test(s)) throw new AppError('validation', 'rewards.err.codeFormat', { code: { key: 'rewards.err.codeFormat' } });
  return s;
}

/** What the voucher's QR holds: the counter page with the code, so even a phone's own camera app lands there. */
export const voucherUrl = (baseUrl: string, code: string) => `${baseUrl.replace(/\/+$/, '')}/clerk?code=${code}`;
