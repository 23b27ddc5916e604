// `npm run admin:create -- --username NAME [--name 显示名] [--community CODE]`: first community admin, one-time password.
import { parseArgs } from 'node:util';
import { parseConfig } from '../config';
import { openDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { createCommunityAdmin, normaliseUsername } from '../domain/auth/create-staff-account';

const USAGE = 'usage: npm run admin:create -- --username NAME [--name 显示名] [--community CODE]';

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: { username: { type: 'string' }, name: { type: 'string' }, community: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (err) {
    throw new Error(`参数无效 / bad arguments: ${(err as Error).message}. ${USAGE}`);
  }
  if (values.help) return void console.log(USAGE);
  if (!values.username) throw new Error(`缺少 --username / --username is required. ${USAGE}`);
  normaliseUsername(values.username); // fail before touching the database

  const config = parseConfig();
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, max: 2 });
  try {
    await migrateDatabase(database, config.DATABASE_URL);
    const admin = await createCommunityAdmin(database.db, { username: values.username, displayName: values.name, communityCode: values.community });
    console.log(`已创建社区管理员 / community admin created: ${admin.username} (id ${admin.userId})`);
    console.log(`一次性密码 / one-time password: ${admin.password}`);
    console.log('首次登录时必须修改密码 / the password must be changed at first sign-in.');
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  // One line: operators read this in a terminal or a deployment log.
  console.error((err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, ' '));
  process.exit(1);
});
