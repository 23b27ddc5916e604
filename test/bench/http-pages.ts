// qr_landing and static: the real app (one production web process) against bare Hono serving a response of the same
// size, both started by this run and loaded the same way (autocannon, 64 connections, phone headers).
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { seedDemo } from '../../src/cli/seed-data/demo';
import { query } from '../../src/domain/points/ledger-sql';
import { result, round, type BenchResult } from './format';
import { load, PHONE_HEADERS, warm } from './http/load';
import { benchPort, startApp, startBareHono, type Child } from './http/spawn';
import { withTempDatabase } from './temp-db';

const redisUrl = () => process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Bytes on the wire for one phone request (compressed if the app compresses it), and its content type. */
async function sizeOf(url: string) {
  const res = await fetch(url, { headers: PHONE_HEADERS });
  // fetch() decodes the body; the header or the raw length tells what was sent.
  const raw = res.headers.get('content-length');
  const body = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, bytes: raw ? Number(raw) : body.length, type: res.headers.get('content-type') ?? 'text/html', encoding: res.headers.get('content-encoding') };
}

async function compare(scenario: string, appUrl: string, target: { ratio: number; p99?: number }): Promise<BenchResult> {
  const size = await sizeOf(appUrl);
  if (size.status !== 200) throw new Error(`${scenario}: ${appUrl} answered ${size.status}`);
  const bare = await startBareHono({ port: benchPort(1), bytes: size.bytes, type: size.type });
  try {
    await warm(bare.url);
    await warm(appUrl);
    const base = await load(bare.url);
    const app = await load(appUrl);
    const ratio = round(app.reqPerSec / base.reqPerSec, 3);
    const ok = ratio >= target.ratio && (target.p99 === undefined || app.p99Ms <= target.p99) && app.errors === 0 && app.non2xx === 0;
    return result({
      scenario,
      value: app.reqPerSec,
      unit: 'req/s',
      baseline: base.reqPerSec,
      ratio,
      target: `ratio>=${target.ratio}${target.p99 !== undefined ? ` && p99_ms<=${target.p99}` : ''}`,
      ok,
      detail: { p50_ms: app.p50Ms, p99_ms: app.p99Ms, baseline_p99_ms: base.p99Ms, bytes: size.bytes, encoding: size.encoding, errors: app.errors, non2xx: app.non2xx, connections: 64 },
    });
  } finally {
    await bare.stop();
  }
}

/** Starts one app process on a fresh seeded database and hands it to `fn`. */
export async function withBenchApp<T>(fn: (app: Child, code: string, db: { url: string }) => Promise<T>): Promise<T> {
  return withTempDatabase(async (database, url) => {
    await seedDemo(database, { residents: 0 });
    const [row] = await query<{ code: string }>(database.db, sql`select code from qr_codes where status = 'active' and purpose = 'report' order by id limit 1`);
    const app = await startApp({ databaseUrl: url, redisUrl: redisUrl(), prefix: `bench-http-${randomBytes(3).toString('hex')}`, port: benchPort(0) });
    try {
      return await fn(app, row.code, { url });
    } finally {
      await app.stop();
    }
  });
}

export async function benchQrLanding(): Promise<BenchResult[]> {
  return withBenchApp(async (app, code) => [await compare('qr_landing', `${app.url}/q/${code}`, { ratio: 0.5, p99: 20 })]);
}

export async function benchStatic(): Promise<BenchResult[]> {
  return withBenchApp(async (app) => {
    const home = await (await fetch(`${app.url}/`)).text();
    const css = /href="(\/static\/css\/[^"]+)"/.exec(home)?.[1];
    if (!css) throw new Error('static: no stylesheet link on the home page');
    return [await compare('static', `${app.url}${css}`, { ratio: 0.8 })];
  });
}
