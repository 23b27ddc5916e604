import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { readFileSync } from 'node:fs';
const body = 'x'.repeat(2015);
const headers = {};
for (const line of readFileSync('/tmp/perf/qr.h', 'utf8').split('\r\n').slice(1)) {
  const i = line.indexOf(':'); if (i < 0) continue;
  const k = line.slice(0, i); if (/^(date|connection|keep-alive|content-length)$/i.test(k)) continue;
  headers[k] = line.slice(i + 1).trim();
}
const app = new Hono().get('*', () => new Response(body, { status: 200, headers }));
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
