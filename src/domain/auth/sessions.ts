// Sessions as in the Lucia guide: token "<id>.<secret>", only SHA-256(secret) stored, inactivity timeout, bumped at most hourly.
import { and, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { sessions, users } from '../../db/schema';
import { hashSecret, randomToken, sameHash } from './tokens';

const BUMP_AFTER_MS = 60 * 60 * 1000;

export type SessionUser = typeof users.$inferSelect;
export interface ValidSession {
  sessionId: string;
  user: SessionUser;
  /** last_verified_at was just moved forward: the cookie's own expiry should follow. */
  extended: boolean;
}

export async function createSession(db: DbOrTx, userId: number, now = new Date()): Promise<{ token: string; id: string }> {
  const id = randomToken();
  const secret = randomToken();
  await db.insert(sessions).values({ id, secretHash: hashSecret(secret), userId, createdAt: now, lastVerifiedAt: now });
  return { token: `${id}.${secret}`, id };
}

/** Returns the session's user, or null for anything wrong (malformed, unknown, wrong secret, idle too long, disabled user). */
export async function validateSessionToken(db: DbOrTx, token: string, idleMs: number, now = new Date()): Promise<ValidSession | null> {
  const parts = token.split('.');
  if (parts.length !== 2 || !/^[a-z2-7]{24}$/.test(parts[0]) || !/^[a-z2-7]{24}$/.test(parts[1])) return null;
  const [id, secret] = parts;
  const [row] = await sessionLookup(db).execute({ id });
  if (!row) return null;
  if (!sameHash(hashSecret(secret), new Uint8Array(row.session.secretHash))) return null;
  const idle = now.getTime() - row.session.lastVerifiedAt.getTime();
  if (idle >= idleMs || row.user.disabledAt) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  const extended = idle >= BUMP_AFTER_MS;
  if (extended) {
    await db.update(sessions).set({ lastVerifiedAt: now }).where(eq(sessions.id, id));
  }
  return { sessionId: id, user: row.user, extended };
}

// Runs on every request: a named prepared statement (one per database handle) skips re-planning.
const lookups = new WeakMap<object, ReturnType<typeof prepareLookup>>();
const prepareLookup = (db: DbOrTx) =>
  db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .limit(1)
    .prepare('session_lookup');
function sessionLookup(db: DbOrTx) {
  let q = lookups.get(db);
  if (!q) lookups.set(db, (q = prepareLookup(db)));
  return q;
}

export async function invalidateSession(db: DbOrTx, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Signs a user out everywhere, optionally keeping the current session. */
export async function invalidateUserSessions(db: DbOrTx, userId: number, exceptSessionId?: string): Promise<void> {
  await db
    .delete(sessions)
    .where(exceptSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId)) : eq(sessions.userId, userId));
}
