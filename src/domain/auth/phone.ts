// Mainland mobile numbers: what people type (spaces, +86, dashes) → the 11 digits we store; masking for display.
import { AppError } from '../errors';

const MOBILE = /^1[3-9]\d{9}$/;

export function normalizePhone(input: unknown): string {
  const raw = typeof input === 'string' ? input.normalize('NFKC').trim() : '';
  if (!raw) throw new AppError('validation', 'err.form.invalid', { phone: { key: 'err.phone.empty' } });
  // Accept the ways people write it: "138 0013 8000", "+86 138-0013-8000", "86-13800138000", "0086…".
  let digits = raw.replace(/[\s\-()]/g, '');
  if (/[^\d+]/.test(digits)) throw invalid();
  digits = digits.replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
  if (!MOBILE.test(digits)) throw invalid();
  return digits;
}

const invalid = () => new AppError('validation', 'err.form.invalid', { phone: { key: 'err.phone.invalid' } });

export const maskPhone = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(7)}`;
