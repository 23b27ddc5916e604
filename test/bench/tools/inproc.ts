// Per-request JS cost of the scan landing without the network: the real app (real PostgreSQL and Redis) driven by
// app.request() in a loop, beside a bare Hono app doing the same. BENCH_CPU_PROF-free: run it under node --cpu-prof.
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { seedDemo } from '../../../src/cli/seed-data/demo';
import { bootServices } from '../../../src/boot';
import { parseConfig } from '../../../src/config';
import { query } from '../../../src/domain/points/ledger-sql';
import { createLogger } from '../../../src/logger';
import { buildApp } from '../../../src/server';
import { ASSETS, assetRoutes } from '../../../src/routes/assets';
import { withTempDatabase } from '../temp-db';

const N = Number(process.env.N ?? 20000);
await withTempDatabase(async (database, url) => {
  await seedDemo(database, { residents: 0 });
  const [row] = await query<{ code: string }>(database.db, sql`select code from qr_codes where status = 'active' and purpose = 'report' limit 1`);
  const config = parseConfig({ DATABASE_URL: url, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', NODE_ENV: 'production', LOG_LEVEL: 'warn', QUEUE_PREFIX: 'bench-inproc', BASE_URL: 'http://127.0.0.1:4129' });
  const deps = await bootServices(config, createLogger('warn'), { localRedis: false });
  const app = buildApp(deps);
  const body = 'x'.repeat(2015);
  const bare = new Hono().get('*', (c) => c.html(body));
  const minimal = new Hono().route('/', assetRoutes);
  const headers = { 'accept-encoding': 'gzip, deflate, br', accept: 'text/html' };
  const loop = async (fetch: (r: Request) => Response | Promise<Response>, path: string) => {
    const t0 = performance.now();
    for (let i = 0; i < N; i++) await (await fetch(new Request(`http://127.0.0.1:4129${path}`, { headers }))).arrayBuffer();
    return ((performance.now() - t0) * 1000) / N;
  };
  for (let round = 0; round < 2; round++) {
    const b = await loop(bare.fetch, '/x');
    const a = await loop(app.fetch, `/q/${row.code}`);
    const s = await loop(app.fetch, ASSETS.css);
    const m = await loop(minimal.fetch, ASSETS.css);
    console.log(JSON.stringify({ round, bare_us: +b.toFixed(1), qr_us: +a.toFixed(1), static_us: +s.toFixed(1), assets_only_us: +m.toFixed(1) }));
  }
  await deps.jobs.close(1000);
  await deps.redis?.stop();
});
process.exit(0);
