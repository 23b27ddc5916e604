// Opens the database: PostgreSQL through postgres.js when DATABASE_URL is set, else PGlite (Postgres in WASM) under DATA_DIR.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { drizzle as drizzlePg, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Db = PostgresJsDatabase<typeof schema>;
/** A transaction handle or the database itself: use cases accept either so callers can compose them. */
export type DbOrTx = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Runs a trivial query; used by /healthz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function openDatabase(opts: { url?: string; dataDir: string; max?: number }): Promise<Database> {
  if (opts.url) {
    const client = postgres(opts.url, {
      max: opts.max ?? 10,
      onnotice: () => {},
      // Cap statement time so a stuck query cannot hold a request forever.
      connection: { statement_timeout: 30_000, TimeZone: 'UTC' },
    });
    const db = drizzlePg(client, { schema });
    return {
      db,
      kind: 'postgres',
      ping: async () => void (await client`select 1`),
      close: () => client.end({ timeout: 5 }),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle: drizzleLite } = await import('drizzle-orm/pglite');
  const dir = path.resolve(opts.dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const releaseLock = lockDataDir(dir);
  const client = await PGlite.create(dir, { extensions: await pgliteExtensions() });
  await client.exec(`SET TIME ZONE 'UTC'`);
  const db = drizzleLite({ client, schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    ping: async () => void (await client.query('select 1')),
    close: async () => {
      await client.close();
      releaseLock();
    },
  };
}

/**
 * PGlite is one process per data directory; a second one corrupts it. A pid file turns that mistake into a clear error
 * (a stale file from a crashed process is taken over).
 */
function lockDataDir(dir: string): () => void {
  const file = path.join(dir, '..', 'pglite.pid');
  try {
    const pid = Number(readFileSync(file, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(`数据目录 ${dir} 正被另一个进程 (pid ${pid}) 使用 / the data directory is in use by process ${pid}`);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The extensions the migrations create (pg_trgm for duplicate candidates), as PGlite loads them. */
async function pgliteExtensions() {
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  return { pg_trgm, btree_gist };
}

/** Opens an in-memory PGlite (unit tests of pure-ish SQL). */
export async function openMemoryDatabase(): Promise<Database & { raw: unknown }> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle: drizzleLite } = await import('drizzle-orm/pglite');
  const client = await PGlite.create({ extensions: await pgliteExtensions() });
  const db = drizzleLite({ client, schema }) as unknown as Db;
  return { db, raw: client, kind: 'pglite', ping: async () => void (await client.query('select 1')), close: () => client.close() };
}
