// The scan landing page against real Postgres: place and actions per purpose, daily counts, status pages, bad codes, budget.
import { readFileSync } from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qrScanDaily, type QrPurpose } from '../../src/db/schema';
import { insertQrCode } from '../../src/domain/qr/insert-qr-code';
import { dayIn, recordScan } from '../../src/domain/qr/record-scan';
import { closeQrScanCache } from '../../src/domain/qr/scan-cache';
import { flushScanCounts, ScanCounter, scanCounter } from '../../src/domain/qr/scan-counter';
import { COMPRESS_MIN_BYTES } from '../../src/routes/html-response';
import { useTestApp } from '../helpers/app';
import { makeCommunity, makeGrid, makePlace } from '../helpers/builders';

const t = useTestApp();
const cases = JSON.parse(readFileSync(new URL('../fixtures/bad-inputs/cases.json', import.meta.url), 'utf8')) as {
  text: { value: string; repeat?: number }[];
  ids: string[];
};

const codes = {} as Record<QrPurpose | 'disabled' | 'replaced' | 'successor', { id: number; code: string }>;
let communityName = '';

beforeAll(async () => {
  const db = t.deps.db;
  const community = await makeCommunity(db);
  communityName = community.name;
  const courtyard = await makePlace(db, community.id, { kind: 'courtyard', name: '测试苑' });
  const grid = await makeGrid(db, community.id, { courtyardId: courtyard.id });
  const building = await makePlace(db, community.id, { kind: 'building', name: '3栋', parentId: courtyard.id, gridId: grid.id });
  const base = { communityId: community.id, placeId: building.id, gridId: grid.id };
  for (const purpose of ['report', 'patrol_checkpoint', 'redemption_counter', 'event_checkin'] as const) {
    codes[purpose] = await insertQrCode(db, { ...base, purpose, label: `测试苑3栋 ${purpose}` });
  }
  codes.disabled = await insertQrCode(db, { ...base, purpose: 'report', label: '旧信箱', status: 'disabled', disabledAt: new Date() });
  codes.successor = await insertQrCode(db, { ...base, purpose: 'report', label: '3栋大堂(新)' });
  codes.replaced = await insertQrCode(db, { ...base, purpose: 'report', label: '3栋大堂', status: 'replaced', replacedById: codes.successor.id });
});

afterAll(() => closeQrScanCache(t.deps));

/** What is stored: the web path counts in memory and writes in batches, so this writes the pending batch first. */
const scansOn = async (qrCodeId: number, day: string) => {
  await flushScanCounts(t.deps);
  const [row] = await t.deps.db.select().from(qrScanDaily).where(and(eq(qrScanDaily.qrCodeId, qrCodeId), eq(qrScanDaily.day, day)));
  return row?.scans ?? 0;
};

describe('GET /q/:code for an active code', () => {
  it('shows community, courtyard, building and the report actions, and is never cached', async () => {
    const res = await t.client().get(`/q/${codes.report.code}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('测试苑3栋 report');
    expect(html).toContain(`${communityName} › 测试苑 › 3栋`);
    for (const [label, href] of [
      ['提交线索', `/report/new?qr=${codes.report.code}&amp;kind=tip`],
      ['许个心愿', `/report/new?qr=${codes.report.code}&amp;kind=wish`],
      ['我的诉求', '/me/submissions'],
      ['公告', `/announcements?qr=${codes.report.code}`],
    ]) {
      expect(html).toContain(label);
      expect(html).toContain(`href="${href}"`);
    }
  });

  it.each([
    ['patrol_checkpoint', '巡逻签到', '/patrol/check-in?qr='],
    ['redemption_counter', '兑换柜台', '/clerk'],
    ['event_checkin', '活动签到', '/events/check-in?qr='],
  ] as const)('%s offers %s', async (purpose, label, href) => {
    const html = await (await t.client().get(`/q/${codes[purpose].code}`)).text();
    expect(html).toContain(label);
    expect(html).toContain(`href="${href}`);
    expect(html).not.toContain('提交线索');
  });

  it('accepts the code in lower case and with the printed spaces', async () => {
    const c = codes.report.code;
    expect((await t.client().get(`/q/${c.toLowerCase()}`)).status).toBe(200);
    expect((await t.client().get(`/q/${encodeURIComponent(`${c.slice(0, 4)} ${c.slice(4)}`)}`)).status).toBe(200);
  });
});

describe('scan counts', () => {
  it('adds one per GET to the day in Asia/Shanghai, not for HEAD', async () => {
    const { id, code } = codes.event_checkin;
    const today = dayIn('Asia/Shanghai');
    const before = await scansOn(id, today);
    const client = t.client();
    for (let i = 0; i < 3; i++) expect((await client.get(`/q/${code}`)).status).toBe(200);
    expect((await client.request(`/q/${code}`, { method: 'HEAD' })).status).toBe(200);
    expect(await scansOn(id, today)).toBe(before + 3);
  });

  it('splits at midnight Shanghai time (16:00 UTC), one row per day', async () => {
    const { id } = codes.patrol_checkpoint;
    await recordScan(t.deps.db, { qrCodeId: id, timeZone: 'Asia/Shanghai', at: new Date('2026-03-01T15:59:59Z') });
    await recordScan(t.deps.db, { qrCodeId: id, timeZone: 'Asia/Shanghai', at: new Date('2026-03-01T15:59:59Z') });
    await recordScan(t.deps.db, { qrCodeId: id, timeZone: 'Asia/Shanghai', at: new Date('2026-03-01T16:00:00Z') });
    expect(await scansOn(id, '2026-03-01')).toBe(2);
    expect(await scansOn(id, '2026-03-02')).toBe(1);
  });

  it('a scan waits for no write: counted in memory, stored by the batch (one row per code per day)', async () => {
    const { id, code } = codes.report;
    const today = dayIn('Asia/Shanghai');
    const before = await scansOn(id, today);
    for (let i = 0; i < 4; i++) expect((await t.client().get(`/q/${code}`)).status).toBe(200);
    expect(scanCounter(t.deps).pending()).toBe(4);
    const [unflushed] = await t.deps.db.select().from(qrScanDaily).where(and(eq(qrScanDaily.qrCodeId, id), eq(qrScanDaily.day, today)));
    expect(unflushed?.scans ?? 0).toBe(before);
    expect(await scansOn(id, today)).toBe(before + 4);
    expect(scanCounter(t.deps).pending()).toBe(0);
  });

  it('a batch splits by code and by local day (midnight Shanghai = 16:00 UTC) in one write', async () => {
    const counter = new ScanCounter(t.deps.db, 'Asia/Shanghai');
    const a = codes.disabled.id;
    const b = codes.successor.id;
    counter.add(a, new Date('2026-05-01T15:59:59Z'));
    counter.add(a, new Date('2026-05-01T15:59:59Z'));
    counter.add(a, new Date('2026-05-01T16:00:00Z'));
    counter.add(b, new Date('2026-05-01T16:00:01Z'));
    await counter.flush();
    counter.add(a, new Date('2026-05-01T16:30:00Z'));
    await counter.flush();
    await counter.flush(); // nothing pending: no write, no change
    const rows = await t.deps.db.select().from(qrScanDaily).where(sql`${qrScanDaily.day} between '2026-05-01' and '2026-05-02'`).orderBy(qrScanDaily.qrCodeId, qrScanDaily.day);
    expect(rows.map((r) => [r.qrCodeId, r.day, r.scans])).toEqual([
      [a, '2026-05-01', 2],
      [a, '2026-05-02', 2],
      [b, '2026-05-02', 1],
    ]);
  });

  it('a failed write keeps the counts for the next batch', async () => {
    const broken = { execute: async () => Promise.reject(new Error('database away')) } as unknown as typeof t.deps.db;
    const counter = new ScanCounter(broken, 'Asia/Shanghai');
    counter.add(codes.replaced.id);
    counter.add(codes.replaced.id);
    await expect(counter.flush()).rejects.toThrow('database away');
    expect(counter.pending()).toBe(2);
  });

  it('counts concurrent scans without losing any (upsert)', async () => {
    const { id, code } = codes.redemption_counter;
    const today = dayIn('Asia/Shanghai');
    const before = await scansOn(id, today);
    await Promise.all(Array.from({ length: 20 }, () => t.client().get(`/q/${code}`)));
    expect(await scansOn(id, today)).toBe(before + 20);
  });
});

describe('the shared render of a scan landing', () => {
  const nonceOf = (res: Response) => /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];

  it('anonymous scans get the same page, each with its own fresh nonce in the CSP and on the script tag', async () => {
    const code = codes.report.code;
    const [a, b] = [await t.client().get(`/q/${code}`), await t.client().get(`/q/${code}`)];
    const [na, nb] = [nonceOf(a), nonceOf(b)];
    expect(na && nb && na !== nb).toBe(true);
    const [ha, hb] = [await a.text(), await b.text()];
    expect(ha).toContain(`nonce="${na}"`);
    expect(hb).toContain(`nonce="${nb}"`);
    expect(hb).not.toContain(na!);
    expect(hb.replace(nb!, 'N')).toBe(ha.replace(na!, 'N'));
    expect(ha).not.toContain('nonce-slot-');
  });

  it('the language and the path are part of the page: English and a lower-case code are rendered for themselves', async () => {
    const code = codes.report.code;
    const en = await (await t.client().get(`/q/${code}`, { Cookie: 'anlin_lang=en' })).text();
    expect(en).toContain('<html lang="en"');
    const lower = await (await t.client().get(`/q/${code.toLowerCase()}`)).text();
    expect(lower).toContain(`value="/q/${code.toLowerCase()}"`);
    expect(await (await t.client().get(`/q/${code}`)).text()).toContain('<html lang="zh-CN"');
  });

  it('a signed-in resident gets a page of their own (their navigation), not the shared copy', async () => {
    const client = t.client();
    const sent = await client.post('/login/code', { phone: '13800000077', next: '/' });
    const otp = /data-demo-code="(\d{6})"/.exec(await sent.text())![1];
    expect((await client.post('/login/verify', { phone: '13800000077', code: otp, next: '/' })).status).toBe(303);
    const mine = await (await client.get(`/q/${codes.report.code}`)).text();
    expect(mine).toContain('href="/me/submissions"');
    expect(mine).toContain('href="/account"');
    const anon = await (await t.client().get(`/q/${codes.report.code}`)).text();
    expect(anon).toContain('href="/login"');
    expect(anon).not.toContain('href="/account"');
  });
});

describe('codes that lead nowhere or elsewhere', () => {
  it('disabled: a Chinese 404 that says 已停用, with a way home', async () => {
    const res = await t.client().get(`/q/${codes.disabled.code}`);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('此二维码已停用');
    expect(html).toContain('href="/"');
  });

  it('replaced: says so and links to the current code', async () => {
    const res = await t.client().get(`/q/${codes.replaced.code}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('此二维码已更换');
    expect(html).toContain(`href="/q/${codes.successor.code}"`);
  });

  it('unknown but well-formed: a Chinese 404 with the code form and a way home', async () => {
    const res = await t.client().get('/q/ABCDEFGHJKMNP');
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('找不到这个二维码');
    expect(html).toContain('action="/q"');
    expect(html).toContain('href="/"');
  });

  it('every bad-input id and text, traversal and SQL: 404 in Chinese, never a 500', async () => {
    const raw = [...cases.ids, ...cases.text.map((c) => c.value.repeat(c.repeat ?? 1))];
    const paths = [
      ...raw.map((v) => `/q/${encodeURIComponent(v)}`),
      // ('/q/%2e%2e' never gets here: URL parsing resolves it to '/', as a browser would.)
      '/q/..%2F..%2F..%2Fetc%2Fpasswd',
      '/q/%00',
      '/q/%E0%A4%A',
      "/q/ABCD'%20OR%20'1'='1",
    ];
    for (const path of paths) {
      const res = await t.client().get(path);
      // A URL over the 8 KB limit is refused before routing (414), in Chinese too.
      expect([404, 414], path.slice(0, 60)).toContain(res.status);
      expect(await res.text()).toMatch(res.status === 404 ? /找不到/ : /[\u4e00-\u9fff]/);
    }
  });
});

describe('typed codes and placeholder pages', () => {
  it('/q?code= redirects a valid code and re-shows the form for a bad one', async () => {
    const ok = await t.client().get(`/q?code=${encodeURIComponent(codes.report.code.toLowerCase())}`);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/q/${codes.report.code}`);
    const bad = await t.client().get(`/q?code=${encodeURIComponent('<script>')}`);
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('编号格式不对');
    expect(html).not.toContain('<script>');
  });
});

describe('first-load budget', () => {
  it('page + CSS + htmx ≤ 30 KB as sent to a phone; assets pre-compressed, a small page sent as is', async () => {
    const client = t.client();
    const phone = { 'Accept-Encoding': 'gzip, deflate, br' };
    const page = await client.get(`/q/${codes.report.code}`, phone);
    // Under COMPRESS_MIN_BYTES a page fits in the first TCP window: compressing it would cost CPU and save no round trip.
    expect(page.headers.get('content-encoding')).toBeNull();
    const html = Buffer.from(await page.arrayBuffer());
    expect(html.length).toBeLessThan(COMPRESS_MIN_BYTES);
    const assets = [...html.toString().matchAll(/(?:href|src)="(\/static\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets.some((a) => a.endsWith('.css')) && assets.some((a) => a.endsWith('.js'))).toBe(true);
    let total = html.length;
    const sizes: Record<string, number> = { page: html.length };
    for (const a of assets) {
      const res = await client.get(a, phone);
      expect(res.headers.get('content-encoding'), a).toBe('br');
      expect(res.headers.get('cache-control'), a).toContain('immutable');
      expect(res.headers.get('x-content-type-options'), a).toBe('nosniff');
      sizes[a] = (await res.arrayBuffer()).byteLength;
      total += sizes[a];
      // A browser that only speaks gzip gets gzip; the ETag answers a revalidation with 304 and no body.
      expect((await client.get(a, { 'Accept-Encoding': 'gzip' })).headers.get('content-encoding')).toBe('gzip');
      const again = await client.get(a, { ...phone, 'If-None-Match': res.headers.get('etag')! });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
    }
    console.log('first load (bytes sent):', sizes, 'total', total);
    expect(total).toBeLessThanOrEqual(30 * 1024);
  });
});
