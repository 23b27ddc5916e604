// The baseline server: bare Hono on @hono/node-server answering every GET with a fixed page of BODY_BYTES bytes
// (content type BODY_TYPE), nothing else. `node --import tsx test/bench/http/bare-hono.ts` with PORT set.
// With REPLAY_FILE (JSON: headers, body in base64) it answers with exactly that response instead: the app's own
// headers and page, replayed, which shows what the same bytes on the wire cost with no app behind them.
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const bytes = Number(process.env.BODY_BYTES ?? 2048);
const type = process.env.BODY_TYPE ?? 'text/html; charset=utf-8';
const replay = process.env.REPLAY_FILE ? (JSON.parse(readFileSync(process.env.REPLAY_FILE, 'utf8')) as { headers: Record<string, string>; body: string }) : null;
const body = replay ? Buffer.from(replay.body, 'base64') : 'x'.repeat(bytes);
const headers = replay?.headers ?? { 'Content-Type': type };
const app = new Hono().get('*', () => new Response(body, { status: 200, headers }));
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, () => process.stdout.write('ready\n'));
