// Applies drizzle/ migrations under a Postgres advisory lock, so web and worker processes starting together are safe.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { count } from 'drizzle-orm';
import { communities } from './schema';
import { drizzle as drizzlePg } from 'drizzle-orm/postgres-js';
import { migrate as migratePg } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { Database } from './client';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');
/** Arbitrary constant shared by every process of this app: "anlin" in ASCII. */
const MIGRATION_LOCK_KEY = 0x616e6c696e;

export async function migrateDatabase(database: Database, url?: string): Promise<void> {
  if (database.kind === 'pglite') {
    // One process owns a PGlite directory, so no lock is needed; the migrator is the same code path otherwise.
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
    return;
  }
  if (!url) throw new Error('migrateDatabase: postgres needs its URL for a dedicated lock connection');
  // drizzle's migrator takes no lock; a dedicated single connection holds the session-level advisory lock.
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    try {
      await migratePg(drizzlePg(client), { migrationsFolder: MIGRATIONS_DIR });
    } finally {
      await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** True when no community exists yet: the embedded default then seeds the demo community. */
export async function isEmpty(database: Database): Promise<boolean> {
  const [row] = await database.db.select({ n: count() }).from(communities);
  return Number(row?.n ?? 0) === 0;
}
