// `npm run qr:posters -- --out DIR [--community CODE] [--sheet 4|8]`: print-ready posters (PDF + PNG) for every active code, plus A4 sheets.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseConfig, type Config } from '../config';
import { openDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { listPosterCodes } from '../domain/qr/list-poster-codes';
import { renderPosterFiles } from '../domain/qr/render-poster';
import { renderSheetPdf, SHEET_SIZES, type SheetSize } from '../domain/qr/render-sheet';

const USAGE = 'usage: npm run qr:posters -- --out DIR [--community CODE] [--sheet 4|8]';

export interface PosterArgs {
  out: string;
  community?: string;
  sheets: SheetSize[];
}

export function parsePosterArgs(argv: string[]): PosterArgs {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { out: { type: 'string' }, community: { type: 'string' }, sheet: { type: 'string' } }, strict: true }));
  } catch (err) {
    throw new Error(`参数无效 / bad arguments: ${(err as Error).message}. ${USAGE}`);
  }
  if (!values.out) throw new Error(`缺少 --out 目录 / --out DIR is required. ${USAGE}`);
  if (values.community !== undefined && !/^[0-9]{12}$/.test(values.community)) {
    throw new Error(`--community 应为 12 位社区编码 / --community must be the 12-digit community code, got "${values.community}"`);
  }
  if (values.sheet !== undefined && values.sheet !== '4' && values.sheet !== '8') throw new Error(`--sheet 只能是 4 或 8 / --sheet must be 4 or 8. ${USAGE}`);
  return { out: values.out, community: values.community, sheets: values.sheet ? [Number(values.sheet) as SheetSize] : [...SHEET_SIZES] };
}

/** Writes the files and returns their names; the e2e test calls this directly against its own database. */
export async function writePosters(items: Awaited<ReturnType<typeof listPosterCodes>>, args: PosterArgs): Promise<string[]> {
  await mkdir(args.out, { recursive: true });
  const written: string[] = [];
  const put = async (name: string, data: Buffer) => {
    await writeFile(path.join(args.out, name), data);
    written.push(name);
  };
  // Two at a time: while one poster is laid out in JavaScript, sharp rasterises the other on its own thread.
  const queue = [...items];
  const worker = async () => {
    for (let p = queue.shift(); p; p = queue.shift()) {
      const { pdf, png } = await renderPosterFiles(p);
      await put(`poster-${p.code}.pdf`, pdf);
      await put(`poster-${p.code}.png`, png);
    }
  };
  await Promise.all([worker(), worker()]);
  for (const communityCode of new Set(items.map((p) => p.communityCode))) {
    const mine = items.filter((p) => p.communityCode === communityCode);
    for (const n of args.sheets) await put(`sheet-${n}-${communityCode}.pdf`, await renderSheetPdf(mine, n));
  }
  return written;
}

/** Which database the posters come from, in words: the operator must see it is the one `npm start` uses. */
export function databaseSource(config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR'>): string {
  if (config.DATABASE_URL) return `DATABASE_URL ${new URL(config.DATABASE_URL).host}`;
  return `内置数据库 / embedded database ${path.resolve(config.DATA_DIR, 'pglite')}`;
}

/**
 * The embedded database must already exist: opening a missing one would create (and migrate) an empty database, and the
 * operator would be told there are no codes instead of being told they are looking in the wrong place.
 */
export function checkEmbeddedDatabase(config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR'>): void {
  if (config.DATABASE_URL) return;
  const dir = path.resolve(config.DATA_DIR, 'pglite');
  if (!existsSync(dir)) {
    throw new Error(
      `没有找到内置数据库 ${dir}:请先运行一次 npm start(首次启动会载入演示社区),或设置与服务相同的 DATA_DIR / DATABASE_URL。` +
        ` / no embedded database at ${dir}: run npm start once first (it loads the demo community), or set the DATA_DIR or DATABASE_URL the server uses.`,
    );
  }
}

async function main() {
  const args = parsePosterArgs(process.argv.slice(2));
  const config = parseConfig();
  checkEmbeddedDatabase(config);
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, max: 2 });
  try {
    await migrateDatabase(database, config.DATABASE_URL);
    const items = await listPosterCodes(database.db, { baseUrl: config.BASE_URL, communityCode: args.community });
    if (!items.length) {
      throw new Error(`没有使用中的二维码 / no active QR codes${args.community ? ` in community ${args.community}` : ''} (${databaseSource(config)})`);
    }
    const started = Date.now();
    const written = await writePosters(items, args);
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`已生成 ${items.length} 张海报和 ${written.length - 2 * items.length} 份合页 / wrote ${written.length} files for ${items.length} codes to ${path.resolve(args.out)} in ${secs} s`);
    console.log(`数据来源 / from: ${databaseSource(config)}`);
    console.log(`二维码内容 / QR content: ${config.BASE_URL.replace(/\/+$/, '')}/q/<CODE>`);
  } finally {
    await database.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
