// Password hashing (argon2id with the library's OWASP-level defaults) and the rules a new password must meet.
import { hash, verify } from '@node-rs/argon2';
import { randomInt } from 'node:crypto';
import { fieldError } from '../errors';

export const hashPassword = (password: string) => hash(password);
export const verifyPassword = (stored: string, password: string) => verify(stored, password).catch(() => false);

/** A hash of nothing in particular, verified when the username is unknown so both paths take the same time. */
let dummyHash: Promise<string> | undefined;
export const dummyVerify = async (password: string) => {
  dummyHash ??= hash('anlin-timing-equaliser');
  await verifyPassword(await dummyHash, password);
  return false;
};

export function checkNewPassword(pw: string, username: string): void {
  if (pw.length < 8) throw fieldError('newPassword', 'err.password.short');
  if (pw.length > 128) throw fieldError('newPassword', 'err.password.long');
  if (pw.toLowerCase() === username.toLowerCase()) throw fieldError('newPassword', 'err.password.sameAsUsername');
}

/** One-time passwords are read aloud or written on paper: no look-alike characters. */
export function oneTimePassword(length = 10): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}
