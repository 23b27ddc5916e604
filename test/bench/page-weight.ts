// page_weight: the bytes a phone downloads for each resident page's first load — the page as sent (compressed when
// the app compresses it) plus every stylesheet and script it links, pre-compressed as the app serves them — against
// the 30 KB budget of DESIGN.md. The real app in-process on a fresh seeded database, a resident signed in by code.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { seedDemo } from '../../src/cli/seed-data/demo';
import { bootServices } from '../../src/boot';
import { parseConfig } from '../../src/config';
import { query } from '../../src/domain/points/ledger-sql';
import { createLogger } from '../../src/logger';
import { buildApp } from '../../src/server';
import { result, type BenchResult } from './format';
import { PHONE_HEADERS } from './http/load';
import { withTempDatabase } from './temp-db';

const ORIGIN = 'http://anlin.bench';
const BUDGET = 30 * 1024;

export async function benchPageWeight(): Promise<BenchResult[]> {
  return withTempDatabase(async (database, url) => {
    await seedDemo(database, { residents: 0 });
    const [qr] = await query<{ code: string }>(database.db, sql`select code from qr_codes where status = 'active' and purpose = 'report' order by id limit 1`);
    const prefix = `bench-weight-${randomBytes(3).toString('hex')}`;
    const config = parseConfig({ DATABASE_URL: url, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', NODE_ENV: 'test', DEMO_MODE: '1', LOG_LEVEL: 'silent', QUEUE_PREFIX: prefix, BASE_URL: ORIGIN });
    const deps = await bootServices(config, createLogger('silent'), { localRedis: false });
    const app = buildApp(deps);
    const cookies = new Map<string, string>();
    const request = async (path: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}) => {
      const headers: Record<string, string> = { ...PHONE_HEADERS, ...init.headers };
      if (cookies.size) headers.Cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      if (init.form) Object.assign(headers, { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' });
      const res = await app.request(`${ORIGIN}${path}`, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, body: init.form ? new URLSearchParams(init.form).toString() : undefined });
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const [name, ...rest] = pair.split('=');
        if (rest.join('=')) cookies.set(name.trim(), rest.join('='));
        else cookies.delete(name.trim());
      }
      return res;
    };
    /** Bytes as sent: in-process responses keep the encoded body. */
    const weigh = async (path: string) => {
      const res = await request(path);
      const body = Buffer.from(await res.arrayBuffer());
      const html = res.headers.get('content-encoding') ? null : body.toString();
      return { status: res.status, bytes: body.length, html, encoding: res.headers.get('content-encoding') };
    };
    const assetBytes = new Map<string, number>();
    const firstLoad = async (path: string) => {
      const page = await weigh(path);
      // Links are read from the identity version of the same page.
      const text = page.html ?? (await (await app.request(`${ORIGIN}${path}`, { headers: cookies.size ? { Cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {} })).text());
      const assets = [...new Set([...text.matchAll(/(?:href|src)="(\/(?:static|report)\/[^"]+\.(?:css|js))"/g)].map((m) => m[1]))];
      let total = page.bytes;
      for (const a of assets) {
        if (!assetBytes.has(a)) assetBytes.set(a, (await weigh(a)).bytes);
        total += assetBytes.get(a)!;
      }
      return { path, status: page.status, page: page.bytes, encoding: page.encoding, assets: assets.length, total };
    };
    try {
      const pages = [];
      for (const p of ['/', `/q/${qr.code}`, '/q', '/login', '/wishes', '/report/new?qr=' + qr.code + '&kind=tip']) pages.push(await firstLoad(p));
      const sent = await request('/login/code', { form: { phone: '13800138123', next: '/' } });
      const code = /data-demo-code="(\d{6})"/.exec(await sent.text())?.[1];
      if (!code) throw new Error('page_weight: no demo sign-in code on the page');
      const done = await request('/login/verify', { form: { phone: '13800138123', code, next: '/' } });
      if (done.status !== 303) throw new Error(`page_weight: sign-in answered ${done.status}`);
      for (const p of ['/', '/me/submissions', '/me/points', '/me/inbox', '/account', `/report/new?qr=${qr.code}&kind=tip`]) pages.push({ ...(await firstLoad(p)), signedIn: true });
      const bad = pages.filter((p) => p.status !== 200);
      const heaviest = pages.reduce((a, b) => (b.total > a.total ? b : a));
      return [
        result({
          scenario: 'page_weight', value: heaviest.total, unit: 'bytes (heaviest first load)', baseline: BUDGET, target: 'value<=30720 for every page', ok: heaviest.total <= BUDGET && bad.length === 0,
          detail: { heaviest: heaviest.path, pages: pages.map((p) => ({ path: p.path.replace(qr.code, ':code'), status: p.status, page: p.page, encoding: p.encoding, total: p.total, ...('signedIn' in p ? { signedIn: true } : {}) })), assets: Object.fromEntries(assetBytes) },
        }),
      ];
    } finally {
      await deps.jobs.close(1000);
      await deps.redis?.stop();
    }
  });
}
