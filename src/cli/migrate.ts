// `npm run migrate`: applies drizzle/ migrations to DATABASE_URL (or the embedded PGlite) and exits.
import { ConfigError, parseConfig } from '../config';
import { openDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';

try {
  const config = parseConfig();
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, max: 1 });
  try {
    await migrateDatabase(database, config.DATABASE_URL);
    console.log(`数据库已是最新 / database migrated (${database.kind})`);
  } finally {
    await database.close();
  }
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `迁移失败 / migration failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
