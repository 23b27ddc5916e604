// `npm run seed -- [--residents N]`: migrates, imports the demo community once, and prints the demo staff logins.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseConfig } from '../config';
import { openDatabase } from '../db/client';
import { isEmpty, migrateDatabase } from '../db/migrate';
import { seedDemo, type DemoLogin } from './seed-data/demo';

export { seedDemo, DEMO_STAFF_PASSWORD, type DemoLogin } from './seed-data/demo';

const USAGE = 'usage: npm run seed -- [--residents N] [--force]';

export function parseSeedArgs(argv: string[]): { residents?: number; force: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { residents: { type: 'string' }, force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (err) {
    throw new Error(`参数无效 / bad arguments: ${(err as Error).message}. ${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  let residents: number | undefined;
  if (values.residents !== undefined) {
    residents = Number(values.residents);
    if (!Number.isInteger(residents) || residents < 0 || residents > 10_000_000) {
      throw new Error(`--residents 应为 0–10000000 的整数 / --residents must be an integer 0-10000000, got "${values.residents}"`);
    }
  }
  return { residents, force: values.force ?? false };
}

/** East Asian characters take two terminal columns; padEnd alone misaligns the table. */
const width = (s: string) => [...s].reduce((n, ch) => n + (ch.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);
const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));

export function formatLogins(logins: DemoLogin[]): string {
  const rows = [['用户名 username', '姓名 name', '角色 roles', '密码 password'], ...logins.map((l) => [l.username, l.name, l.roles.join(','), l.password])];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => width(r[i]))));
  const line = (r: string[]) => r.map((c, i) => pad(c, widths[i])).join('  ').trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

async function main() {
  const args = parseSeedArgs(process.argv.slice(2));
  const config = parseConfig();
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, max: 2 });
  try {
    await migrateDatabase(database, config.DATABASE_URL);
    if (!(await isEmpty(database))) {
      // Seeding never touches a database that already has a community, --force included: real data may live there.
      console.log('数据库已有社区，跳过导入 / database already seeded, nothing to do');
      return;
    }
    const started = Date.now();
    const logins = await seedDemo(database, { residents: args.residents, activity: config.demoMode });
    console.log(`已导入演示社区 / demo community imported (${((Date.now() - started) / 1000).toFixed(1)} s, ${database.kind})\n`);
    console.log(formatLogins(logins));
  } finally {
    await database.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error((err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, ' '));
    process.exit(1);
  });
}
