// The real listener's asset fast path: versioned assets answered in front of the app with the same bytes and headers
// and counted in the latency metric; anything else still reaches the app.
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../../src/http-server';
import { assetFastPath } from '../../src/routes/asset-fast-path';
import { ASSETS } from '../../src/routes/assets';
import { useTestApp } from '../helpers/app';

const t = useTestApp();
let server: Server;
let base = '';
let appCalls = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => {
    const counted = (req: Request) => {
      appCalls++;
      return t.app.fetch(req);
    };
    server = listen(counted, { port: 0, hostname: '127.0.0.1' }, (info) => {
      base = `http://127.0.0.1:${info.port}`;
      resolve();
    }, [assetFastPath(t.deps.metrics)]);
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const served = async (route: string) => {
  const m = (await t.deps.metrics.httpDuration.get()).values.find((v) => v.metricName?.endsWith('_count') && v.labels.route === route && v.labels.status === '200');
  return m?.value ?? 0;
};

describe('asset fast path', () => {
  it('serves CSS and htmx pre-compressed, immutable, with nosniff, and counts them in the metric', async () => {
    for (const asset of [ASSETS.css, ASSETS.htmx]) {
      const before = await served(asset);
      const viaApp = await t.app.request(asset, { headers: { 'Accept-Encoding': 'br' } });
      const res = await fetch(`${base}${asset}`, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding')).toBe('br');
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('etag')).toBe(viaApp.headers.get('etag'));
      // fetch() decodes brotli: the text is the file itself.
      expect(await res.text()).toBe(new TextDecoder().decode(await (await t.app.request(asset)).arrayBuffer()));
      // Three requests: two in-process through the app's frame, one through the fast path.
      expect(await served(asset)).toBe(before + 3);
    }
  });

  it('answers without the app: gzip and plain by Accept-Encoding, 304 for a known ETag, HEAD with the length only', async () => {
    const before = appCalls;
    const plain = await (await t.app.request(ASSETS.css)).arrayBuffer();
    const viaAppCalls = appCalls; // t.app.request does not go through the listener
    const gz = await fetch(`${base}${ASSETS.css}`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect((await gz.arrayBuffer()).byteLength).toBe(plain.byteLength); // decoded by fetch
    const raw = await fetch(`${base}${ASSETS.css}`, { headers: { 'Accept-Encoding': 'identity' } });
    expect(raw.headers.get('content-encoding')).toBeNull();
    expect(Number(raw.headers.get('content-length'))).toBe(plain.byteLength);
    const etag = raw.headers.get('etag')!;
    const again = await fetch(`${base}${ASSETS.css}`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    const head = await fetch(`${base}${ASSETS.htmx}`, { method: 'HEAD', headers: { 'Accept-Encoding': 'br' } });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-encoding')).toBe('br');
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(1000);
    expect(await head.text()).toBe('');
    expect(appCalls).toBe(before);
    expect(viaAppCalls).toBe(before);
  });

  it('anything else goes to the app: a query string, another method, a page', async () => {
    // With a query string the app answers (the route matches the path), with the same asset.
    const q = await fetch(`${base}${ASSETS.css}?v=1`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(q.status).toBe(200);
    expect(q.headers.get('content-encoding')).toBe('gzip');
    expect(await fetch(`${base}/static/css/app.0000000000.css`).then((r) => r.status)).toBe(404);
    const post = await fetch(`${base}${ASSETS.css}`, { method: 'POST', headers: { Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=1' });
    expect(post.status).toBe(403);
    const home = await fetch(`${base}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-security-policy')).toMatch(/'nonce-/);
  });
});
