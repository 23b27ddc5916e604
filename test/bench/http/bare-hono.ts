// The baseline server: bare Hono on @hono/node-server answering every GET with a fixed page of BODY_BYTES bytes
// (content type BODY_TYPE), nothing else. `node --import tsx test/bench/http/bare-hono.ts` with PORT set.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const bytes = Number(process.env.BODY_BYTES ?? 2048);
const type = process.env.BODY_TYPE ?? 'text/html; charset=utf-8';
const body = 'x'.repeat(bytes);
const app = new Hono().get('*', (c) => c.body(body, 200, { 'Content-Type': type }));
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, () => process.stdout.write('ready\n'));
