// Draft tokens tie photos uploaded before sign-in to one form; random, so holding one is the proof of ownership.
import { randomBytes } from 'node:crypto';
import { DRAFT_TOKEN_RE } from './contract';

/** 24 random bytes, base64url (32 chars): unguessable, cookie- and URL-safe. */
export const newDraftToken = (): string => randomBytes(24).toString('base64url');

export const isDraftToken = (value: unknown): value is string => typeof value === 'string' && DRAFT_TOKEN_RE.test(value);
