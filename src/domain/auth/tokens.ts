// Random tokens and hashes for sessions and one-time codes (Lucia guide, with the oslo packages).
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { randomInt } from 'node:crypto';

/** 15 random bytes → 24 base32 characters: 120 bits, as the guide asks. */
export function randomToken(): string {
  const bytes = new Uint8Array(15);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export const hashSecret = (secret: string): Uint8Array => sha256(new TextEncoder().encode(secret));

export const sameHash = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && constantTimeEqual(a, b);

export const sixDigitCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');
