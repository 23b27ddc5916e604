// HTTP-level guards: CSRF origin check, body limits, content types, htmx error partials, CSP nonce, caching of personal
// pages, oversized URLs and headers, cookie flags, scopes.
import { readFileSync } from 'node:fs';
import { count } from 'drizzle-orm';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { otpCodes } from '../../src/db/schema';
import { listen } from '../../src/http-server';
import { makeCommunity, makeGrid, makeStaff } from '../helpers/builders';
import { TEST_ORIGIN, useTestApp, type TestApp, type TestClient } from '../helpers/app';

const cases = JSON.parse(readFileSync(new URL('../fixtures/bad-inputs/cases.json', import.meta.url), 'utf8')) as { ids: string[] };

const t = useTestApp();
const https = useTestApp({ BASE_URL: 'https://anlin.test' });

const SESSION = 'anlin_session';
const text = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
const otpCount = async () => Number((await t.deps.db.select({ n: count() }).from(otpCodes))[0].n);
const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
const FORM = 'application/x-www-form-urlencoded';

/** A request with exactly these headers: no Origin added, no cookie jar. */
const raw = (app: TestApp, path: string, init: RequestInit) => app.app.request(`${TEST_ORIGIN}${path}`, init);

async function resident(app: TestApp, phone: string): Promise<{ client: TestClient; res: Response }> {
  const client = app.client();
  const sent = await client.post('/login/code', { phone, next: '/' });
  const code = /data-demo-code="(\d{6})"/.exec(await sent.text())![1];
  const res = await client.post('/login/verify', { phone, code, next: '/' });
  expect(res.status).toBe(303);
  return { client, res };
}

describe('CSRF: unsafe methods need a same-origin Origin or Sec-Fetch-Site', () => {
  it('a foreign Origin gets 403 with a Chinese page and nothing is written', async () => {
    const before = await otpCount();
    const res = await t.client().post('/login/code', { phone: '13800138000', next: '/' }, { Origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('<html');
    expect(text(html)).toContain('请求来源无法验证,请刷新页面后重试。');
    expect(html).toContain('href="/"');
    expect(await otpCount()).toBe(before);
  });

  it.each([
    ['no Origin, no Sec-Fetch-Site', {}],
    ['Origin "null"', { Origin: 'null' }],
    ['same host, other scheme', { Origin: TEST_ORIGIN.replace('http:', 'https:') }],
    ['same host, other port', { Origin: `${TEST_ORIGIN}:8080` }],
    ['a look-alike suffix', { Origin: `${TEST_ORIGIN}.evil.example` }],
    ['Sec-Fetch-Site cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
    ['Sec-Fetch-Site same-site', { 'Sec-Fetch-Site': 'same-site' }],
  ] as const)('%s → 403', async (_label, headers) => {
    const before = await otpCount();
    const res = await raw(t, '/login/code', { method: 'POST', body: form({ phone: '13800138001' }), headers: { 'Content-Type': FORM, ...headers } });
    expect(res.status).toBe(403);
    expect(text(await res.text())).toContain('请求来源无法验证');
    expect(await otpCount()).toBe(before);
  });

  it.each([['text/plain'], ['multipart/form-data; boundary=x'], [undefined]])('content type %j without Origin → 403', async (type) => {
    const res = await raw(t, '/logout', { method: 'POST', body: 'a=b', headers: type ? { 'Content-Type': type } : {} });
    expect(res.status).toBe(403);
  });

  it('Sec-Fetch-Site: same-origin alone is enough (browsers that strip Origin)', async () => {
    const res = await raw(t, '/login/code', { method: 'POST', body: form({ phone: '13900000001', next: '/' }), headers: { 'Content-Type': FORM, 'Sec-Fetch-Site': 'same-origin' } });
    expect(res.status).toBe(200);
  });

  it('a same-origin Origin passes', async () => {
    const res = await raw(t, '/login/code', { method: 'POST', body: form({ phone: '13900000002', next: '/' }), headers: { 'Content-Type': FORM, Origin: TEST_ORIGIN } });
    expect(res.status).toBe(200);
  });

  it('an htmx request from a foreign origin gets a 403 partial', async () => {
    const res = await t.client().post('/login/code', { phone: '13800138000' }, { Origin: 'https://evil.example', 'HX-Request': 'true', 'HX-Request-Type': 'partial' });
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).not.toContain('<html');
    expect(text(html)).toContain('请求来源无法验证');
  });

  it('safe methods are not checked', async () => {
    expect((await raw(t, '/login', { headers: { Origin: 'https://evil.example' } })).status).toBe(200);
  });
});

describe('request bodies', () => {
  it('a 100 KB body gets 413 with a Chinese message naming the limit; nothing is written', async () => {
    const before = await otpCount();
    const res = await t.client().post('/login/code', { phone: '13800138000', filler: 'x'.repeat(100 * 1024) });
    expect(res.status).toBe(413);
    const html = await res.text();
    expect(text(html)).toContain('提交的内容太大了,最大 64 KB,请缩小后再试。');
    expect(await otpCount()).toBe(before);
  });

  it('a declared Content-Length over the limit is refused before reading', async () => {
    const body = 'phone=13800138000&filler=' + 'x'.repeat(70 * 1024);
    const res = await t.client().request('/login/code', {
      method: 'POST',
      body,
      headers: { 'Content-Type': FORM, 'Content-Length': String(Buffer.byteLength(body)) },
    });
    expect(res.status).toBe(413);
  });

  it('a body just under the limit is read normally', async () => {
    const res = await t.client().post('/login/code', { phone: 'abc', filler: 'x'.repeat(60 * 1024) });
    expect(res.status).toBe(422);
  });

  it('an htmx request over the limit gets a 413 partial', async () => {
    const res = await t.client().post('/login/code', { filler: 'x'.repeat(100 * 1024) }, { 'HX-Request': 'true', 'HX-Request-Type': 'partial' });
    expect(res.status).toBe(413);
    const html = await res.text();
    expect(html).not.toContain('<html');
    expect(text(html)).toContain('提交的内容太大了');
  });

  it.each([
    ['application/json', JSON.stringify({ phone: '13800138000' })],
    ['text/plain', 'phone=13800138000'],
    ['application/xml', '<phone>13800138000</phone>'],
    ['application/x-www-form-urlencodedx', 'phone=13800138000'],
    ['multipart/form-data-x', 'phone=13800138000'],
  ])('Content-Type %s on a form route → 415, nothing written', async (type, body) => {
    const before = await otpCount();
    const res = await t.client().request('/login/code', { method: 'POST', body, headers: { 'Content-Type': type } });
    expect(res.status).toBe(415);
    expect(text(await res.text())).toContain('不支持这种提交格式。');
    expect(await otpCount()).toBe(before);
  });

  it('JSON to a form route from a JSON client gets a JSON 415', async () => {
    const res = await t.client().request('/login/code', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json', Accept: 'application/json' } });
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ error: { status: 415, message: '不支持这种提交格式。' } });
  });

  it('a broken multipart body is a 400, not a 500', async () => {
    const res = await t.client().request('/login/code', {
      method: 'POST',
      body: '--x\r\nContent-Disposition: form-data; name="phone"\r\n\r\n1380013',
      headers: { 'Content-Type': 'multipart/form-data; boundary=x' },
    });
    expect(res.status).toBe(400);
    expect(text(await res.text())).toContain('请求有误');
  });
});

describe('pages and partials', () => {
  it('an unknown path from htmx gets a 404 partial; from a browser a whole page', async () => {
    const client = t.client();
    const partial = await client.get('/no/such/page', { 'HX-Request': 'true', 'HX-Request-Type': 'partial' });
    expect(partial.status).toBe(404);
    const body = await partial.text();
    expect(body).not.toMatch(/<html|<!doctype/i);
    expect(body).toContain('id="error"');
    expect(text(body)).toContain('找不到该页面');
    expect(partial.headers.get('vary')).toMatch(/HX-Request/i);

    const full = await client.get('/no/such/page', { 'HX-Request': 'true', 'HX-Request-Type': 'full' });
    expect(full.status).toBe(404);
    expect(await full.text()).toMatch(/^<!doctype html><html/);

    const page = await client.get('/no/such/page');
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('<html lang="zh-CN"');
  });

  it('the CSP carries a fresh nonce per response and the page script tag uses it', async () => {
    const nonces: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await t.client().get('/');
      const csp = res.headers.get('content-security-policy') ?? '';
      const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce, csp).toBeTruthy();
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      const html = await res.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const s of scripts) expect(s).toContain(`nonce="${nonce}"`);
      nonces.push(nonce!);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it('error pages carry the CSP nonce too', async () => {
    const res = await t.client().get('/no/such/page');
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
    expect(nonce).toBeTruthy();
    expect(await res.text()).toContain(`nonce="${nonce}"`);
  });

  it('sends the other security headers', async () => {
    const res = await t.client().get('/');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // DENY, as frame-ancestors 'none' says: SAMEORIGIN would contradict it.
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    // Plain http: no HSTS.
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('caching of personal pages', () => {
  it('every response to a signed-in resident is private, no-store; the public home page to a visitor is not marked', async () => {
    expect((await t.client().get('/')).headers.get('cache-control')).toBeNull();
    const { client } = await resident(t, '13900000006');
    for (const path of ['/', '/account', '/me/points', '/no/such/page']) {
      const res = await client.get(path);
      expect(res.headers.get('cache-control'), path).toBe('private, no-store');
    }
  });

  it('staff, admin, me and clerk pages are private, no-store even before sign-in (sign-in page and redirects included)', async () => {
    for (const path of ['/staff/login', '/staff', '/admin', '/me/points', '/clerk', '/account/password']) {
      const res = await t.client().get(path);
      expect(res.headers.get('cache-control'), path).toBe('private, no-store');
    }
  });

  it('a route that chose its own Cache-Control keeps it (versioned assets stay cacheable)', async () => {
    const { client } = await resident(t, '13900000007');
    const home = await (await client.get('/')).text();
    const css = /href="(\/static\/css\/app\.[0-9a-f]+\.css)"/.exec(home)![1];
    expect((await client.get(css)).headers.get('cache-control')).toMatch(/immutable/);
  });
});

describe('oversized URLs', () => {
  it('a URL over 8 KB gets a Chinese 414 page (with the usual headers and nonce)', async () => {
    const res = await t.client().get(`/?q=${'x'.repeat(9 * 1024)}`);
    expect(res.status).toBe(414);
    const html = await res.text();
    expect(html).toContain('<html lang="zh-CN"');
    expect(text(html)).toContain('网址太长了');
    expect(res.headers.get('content-security-policy')).toMatch(/'nonce-/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('an htmx request with a long URL gets a 414 partial; a JSON client gets JSON', async () => {
    const partial = await t.client().get(`/staff/queue?q=${'x'.repeat(9 * 1024)}`, { 'HX-Request': 'true', 'HX-Request-Type': 'partial' });
    expect(partial.status).toBe(414);
    expect(await partial.text()).not.toContain('<html');
    const json = await t.client().get(`/?q=${'x'.repeat(9 * 1024)}`, { Accept: 'application/json' });
    expect(json.status).toBe(414);
    expect(await json.json()).toEqual({ error: { status: 414, message: '网址太长了,请返回上一页,或从首页重新打开。' } });
  });

  describe('through the real listener', () => {
    let server: Server;
    let port = 0;
    beforeAll(async () => {
      await new Promise<void>((resolve) => {
        server = listen(t.app.fetch, { port: 0, hostname: '127.0.0.1' }, (info) => {
          port = info.port;
          resolve();
        });
      });
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    /** One raw HTTP/1.1 exchange; returns the whole answer as text. */
    const exchange = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.end(request));
        let out = '';
        socket.setEncoding('utf8');
        socket.on('data', (d) => (out += d));
        socket.on('end', () => resolve(out));
        socket.on('error', reject);
      });

    it('a 100 KB query string gets a Chinese 431 page, not Node\'s empty one', async () => {
      const answer = await exchange(`GET /?q=${'x'.repeat(100 * 1024)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
      const [head, body] = answer.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 431 /);
      expect(head).toMatch(/content-type: text\/html; charset=utf-8/i);
      expect(head).toMatch(/x-frame-options: DENY/i);
      expect(head).toMatch(/content-security-policy: default-src 'none'/i);
      expect(body).toContain('网址或请求头太长了');
      expect(Buffer.byteLength(body)).toBe(Number(/content-length: (\d+)/i.exec(head)![1]));
    });

    it('oversized headers get the same page; a 20 KB URL (under the header limit) gets the app\'s 414', async () => {
      const headers = await exchange(`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: ${'y'.repeat(40 * 1024)}\r\n\r\n`);
      expect(headers).toMatch(/^HTTP\/1\.1 431 /);
      const res = await fetch(`http://127.0.0.1:${port}/?q=${'x'.repeat(20 * 1024)}`);
      expect(res.status).toBe(414);
      expect(text(await res.text())).toContain('网址太长了');
      // An ordinary request on the same listener is fine.
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    });

    it('a malformed request gets a Chinese 400 page', async () => {
      const answer = await exchange('NOT A REQUEST\r\n\r\n');
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(answer).toContain('请求有误');
    });
  });
});

describe('session cookie flags', () => {
  it('HttpOnly, SameSite=Lax, Path=/, a Max-Age, and no Secure on plain http', async () => {
    const { res } = await resident(t, '13900000003');
    const [line] = res.headers.getSetCookie().filter((l) => l.startsWith(`${SESSION}=`));
    const attrs = line.split(';').map((a) => a.trim().toLowerCase());
    expect(attrs).toContain('httponly');
    expect(attrs).toContain('samesite=lax');
    expect(attrs).toContain('path=/');
    expect(attrs.some((a) => /^max-age=\d+$/.test(a))).toBe(true);
    expect(attrs).not.toContain('secure');
  });

  it('adds Secure (and HSTS) when BASE_URL is https', async () => {
    const { res } = await resident(https, '13900000004');
    const [line] = res.headers.getSetCookie().filter((l) => l.startsWith(`${SESSION}=`));
    const attrs = line.split(';').map((a) => a.trim().toLowerCase());
    expect(attrs).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=lax', 'path=/']));
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });
});

describe('roles and scopes', () => {
  let gridA: { id: number };
  let gridB: { id: number };
  let otherCommunityGrid: { id: number };
  let worker: { username: string; password: string };
  let admin: { username: string; password: string };

  beforeAll(async () => {
    const c1 = await makeCommunity(t.deps.db);
    const c2 = await makeCommunity(t.deps.db);
    gridA = await makeGrid(t.deps.db, c1.id, { name: '甲网格' });
    gridB = await makeGrid(t.deps.db, c1.id, { name: '乙网格' });
    otherCommunityGrid = await makeGrid(t.deps.db, c2.id, { name: '丙网格' });
    worker = await makeStaff(t.deps.db, { communityId: c1.id, role: 'grid_worker', gridIds: [gridA.id] });
    admin = await makeStaff(t.deps.db, { communityId: c1.id, role: 'community_admin' });
  });

  async function staffClient(s: { username: string; password: string }) {
    const client = t.client();
    expect((await client.signInStaff(s.username, s.password)).status).toBe(303);
    return client;
  }

  it('a grid worker sees their grid and gets 404 for any other, and the refusal is logged', async () => {
    const client = await staffClient(worker);
    const warn = vi.spyOn(t.deps.logger, 'warn');
    const own = await client.get(`/staff/grids/${gridA.id}`);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain('甲网格');
    for (const id of [gridB.id, otherCommunityGrid.id]) {
      const res = await client.get(`/staff/grids/${id}`);
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(text(html)).toContain('找不到该页面');
      expect(html).not.toMatch(/乙网格|丙网格/);
    }
    const logged = warn.mock.calls.map((call) => call[0] as unknown as { path?: string; userId?: number });
    warn.mockRestore();
    expect(logged.map((l) => l.path)).toEqual([`/staff/grids/${gridB.id}`, `/staff/grids/${otherCommunityGrid.id}`]);
    expect(logged.every((l) => typeof l.userId === 'number')).toBe(true);
  });

  it('a community-wide role sees every grid of its community, and no other', async () => {
    const client = await staffClient(admin);
    expect((await client.get(`/staff/grids/${gridB.id}`)).status).toBe(200);
    expect((await client.get(`/staff/grids/${otherCommunityGrid.id}`)).status).toBe(404);
  });

  it.each(cases.ids)('grid id %j → 404, not 500 (encoded and as typed)', async (id) => {
    const client = await staffClient(worker);
    for (const path of [`/staff/grids/${encodeURIComponent(id)}`, `/staff/grids/${id}`]) {
      const res = await client.get(path);
      expect(res.status, path).toBe(404);
      expect(text(await res.text())).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('a resident opening /staff is sent to the staff sign-in', async () => {
    const { client } = await resident(t, '13900000005');
    for (const path of ['/staff', `/staff/grids/${gridA.id}`]) {
      const res = await client.get(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location')).toBe(`/staff/login?next=${encodeURIComponent(path)}`);
    }
    const admin = await client.get('/admin');
    expect(admin.status).toBe(303);
    expect(admin.headers.get('location')).toMatch(/^\/staff\/login/);
  });

  it('staff without the admin role get 403 on /admin, in Chinese', async () => {
    const client = await staffClient(worker);
    for (const path of ['/admin', '/admin/staff/1/reset-password']) {
      const res = await client.get(path);
      expect(res.status, path).toBe(403);
      expect(text(await res.text())).toContain('您没有权限执行此操作。');
    }
  });

  it('an admin opens /admin; a missing admin item is a 404 logged once', async () => {
    const client = await staffClient(admin);
    expect((await client.get('/admin')).status).toBe(200);
    const warn = vi.spyOn(t.deps.logger, 'warn');
    const res = await client.get('/admin/staff/999999999/reset-password');
    const calls = warn.mock.calls.length;
    warn.mockRestore();
    expect(res.status).toBe(404);
    expect(calls).toBe(1);
  });
});
