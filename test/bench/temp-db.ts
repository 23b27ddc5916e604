// A throwaway migrated PostgreSQL database for a benchmark run.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type Database } from '../../src/db/client';
import { migrateDatabase } from '../../src/db/migrate';

export async function withTempDatabase<T>(fn: (database: Database, url: string) => Promise<T>, opts: { max?: number } = {}): Promise<T> {
  const base = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const u = new URL(base);
  u.pathname = `/${name}`;
  const database = await openDatabase({ url: u.toString(), dataDir: '/tmp', max: opts.max });
  try {
    await migrateDatabase(database, u.toString());
    return await fn(database, u.toString());
  } finally {
    await database.close();
    // BENCH_KEEP_DB=1 keeps the database for a look at its plans afterwards (psql … -d bench_xxxx); drop it by hand.
    if (process.env.BENCH_KEEP_DB === '1') console.error(`kept database ${name}`);
    else await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}
