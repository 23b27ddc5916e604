// qr_landing and static: the real app (one production web process) against bare Hono serving a response of the same
// size, both started by this run and loaded the same way (autocannon, 64 connections, phone headers).
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { seedDemo } from '../../src/cli/seed-data/demo';
import { query } from '../../src/domain/points/ledger-sql';
import { result, round, type BenchResult } from './format';
import { load, LOADGEN, PHONE_HEADERS, warm, type LoadSummary } from './http/load';
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

/**
 * The app's response to one phone request as a replay file for bare-hono.ts: its headers (without those Node adds
 * itself) and its body bytes as sent.
 */
async function replayFileOf(url: string): Promise<string> {
  const res = await fetch(url, { headers: PHONE_HEADERS });
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    if (!['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(k)) headers[k] = v;
  });
  const file = path.join(os.tmpdir(), `anlin-bench-replay-${process.pid}.json`);
  writeFileSync(file, JSON.stringify({ headers, body: Buffer.from(await res.arrayBuffer()).toString('base64') }));
  return file;
}

async function compare(scenario: string, appUrl: string, target: { ratio: number; p99?: number }, opts: { replay?: boolean } = {}): Promise<BenchResult> {
  const size = await sizeOf(appUrl);
  if (size.status !== 200) throw new Error(`${scenario}: ${appUrl} answered ${size.status}`);
  const bare = await startBareHono({ port: benchPort(1), bytes: size.bytes, type: size.type });
  // The same headers and page from bare Hono: the ceiling for any app that must send them (qr_landing sends 16).
  const same = opts.replay ? await startBareHono({ port: benchPort(2), bytes: size.bytes, replayFile: await replayFileOf(appUrl) }) : null;
  try {
    await warm(bare.url);
    if (same) await warm(same.url);
    await warm(appUrl);
    // Other work shares the machine: rounds alternate baseline and app so that a burst of load hits both alike;
    // the ratio is the median of the rounds' ratios, the figures are the medians of each side.
    const rounds = Number(process.env.BENCH_HTTP_ROUNDS ?? 3);
    const runs: { base: LoadSummary; app: LoadSummary; same: LoadSummary | null }[] = [];
    for (let i = 0; i < rounds; i++) runs.push({ base: await load(bare.url), same: same ? await load(same.url) : null, app: await load(appUrl) });
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const sameResponse = same
      ? { same_response_baseline: med(runs.map((r) => r.same!.reqPerSec)), ratio_to_same_response: round(med(runs.map((r) => r.app.reqPerSec / r.same!.reqPerSec)), 3) }
      : {};
    const ratio = round(med(runs.map((r) => r.app.reqPerSec / r.base.reqPerSec)), 3);
    const app = { reqPerSec: med(runs.map((r) => r.app.reqPerSec)), p99Ms: med(runs.map((r) => r.app.p99Ms)), p50Ms: med(runs.map((r) => r.app.p50Ms)) };
    const errors = runs.reduce((n, r) => n + r.app.errors, 0);
    const non2xx = runs.reduce((n, r) => n + r.app.non2xx, 0);
    const ok = ratio >= target.ratio && (target.p99 === undefined || app.p99Ms <= target.p99) && errors === 0 && non2xx === 0;
    return result({
      scenario,
      value: app.reqPerSec,
      unit: 'req/s',
      baseline: med(runs.map((r) => r.base.reqPerSec)),
      ratio,
      target: `ratio>=${target.ratio}${target.p99 !== undefined ? ` && p99_ms<=${target.p99}` : ''}`,
      ok,
      detail: {
        p50_ms: app.p50Ms, p99_ms: app.p99Ms, baseline_p99_ms: med(runs.map((r) => r.base.p99Ms)), bytes: size.bytes, encoding: size.encoding,
        ...sameResponse, errors, non2xx, connections: 64, loadgen: LOADGEN, rounds, seconds_per_side: Number(process.env.BENCH_HTTP_SECONDS ?? 4), round_ratios: runs.map((r) => round(r.app.reqPerSec / r.base.reqPerSec, 3)),
      },
    });
  } finally {
    await bare.stop();
    await same?.stop();
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
  return withBenchApp(async (app, code) => [await compare('qr_landing', `${app.url}/q/${code}`, { ratio: 0.5, p99: 20 }, { replay: true })]);
}

export async function benchStatic(): Promise<BenchResult[]> {
  return withBenchApp(async (app) => {
    const home = await (await fetch(`${app.url}/`)).text();
    const css = /href="(\/static\/css\/[^"]+)"/.exec(home)?.[1];
    if (!css) throw new Error('static: no stylesheet link on the home page');
    return [await compare('static', `${app.url}${css}`, { ratio: 0.8 })];
  });
}
