// The real listener's scan fast path: repeat anonymous scans are answered in front of the app with the app's own
// headers (fresh nonce and request id), counted and measured like the app's; anything else, and any change to the
// code or its notices, goes back through the app.
import type { Server } from 'node:http';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announcements, qrCodes, qrScanDaily } from '../../src/db/schema';
import { currentAnnouncementsCache } from '../../src/domain/announcements/current-announcements';
import { insertQrCode } from '../../src/domain/qr/insert-qr-code';
import { dayIn } from '../../src/domain/qr/record-scan';
import { closeQrScanCache, qrScanCache } from '../../src/domain/qr/scan-cache';
import { flushScanCounts } from '../../src/domain/qr/scan-counter';
import { listen } from '../../src/http-server';
import { assetFastPath } from '../../src/routes/asset-fast-path';
import { scanFastPath } from '../../src/routes/scan-fast-path';
import { useTestApp } from '../helpers/app';
import { makeCommunity, makeGrid, makePlace, makeStaff } from '../helpers/builders';

const t = useTestApp();
let server: Server;
let base = '';
/** Requests the fast path handed on to the app. */
let appCalls = 0;
let community: { id: number };
let code: { id: number; code: string };

beforeAll(async () => {
  const db = t.deps.db;
  community = await makeCommunity(db);
  const grid = await makeGrid(db, community.id);
  const building = await makePlace(db, community.id, { kind: 'building', name: '7栋', gridId: grid.id });
  code = await insertQrCode(db, { communityId: community.id, placeId: building.id, gridId: grid.id, purpose: 'report', label: '7栋大堂' });
  const counted = (req: Request) => {
    appCalls++;
    return t.app.fetch(req);
  };
  // Wired as main.ts wires it.
  const fast = scanFastPath(t.deps);
  await new Promise<void>((resolve) => {
    server = listen(fast.wrap(counted), { port: 0, hostname: '127.0.0.1' }, (info) => {
      base = `http://127.0.0.1:${info.port}`;
      resolve();
    }, [assetFastPath(t.deps.metrics), fast.answer]);
  });
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await closeQrScanCache(t.deps);
});

const scan = async (headers: Record<string, string> = {}, suffix = '') => {
  const before = appCalls;
  const res = await fetch(`${base}/q/${code.code}${suffix}`, { headers });
  return { res, html: await res.text(), viaApp: appCalls > before };
};
const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? '')?.[1];
/** Headers that are the same on every response of a page: all but the nonce, the request id and the date. */
const stable = (res: Response) => {
  const out: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    if (k !== 'x-request-id' && k !== 'date') out[k] = k === 'content-security-policy' ? v.replace(/'nonce-[^']+'/, "'nonce-…'") : v;
  });
  return out;
};
const scansToday = async () => {
  await flushScanCounts(t.deps);
  const [row] = await t.deps.db.select().from(qrScanDaily).where(and(eq(qrScanDaily.qrCodeId, code.id), eq(qrScanDaily.day, dayIn(t.deps.config.DISPLAY_TZ, new Date()))));
  return row?.scans ?? 0;
};
const served = async () => {
  const m = (await t.deps.metrics.httpDuration.get()).values.find((v) => v.metricName?.endsWith('_count') && v.labels.route === '/q/:code' && v.labels.status === '200');
  return m?.value ?? 0;
};

describe('scan fast path', () => {
  it('answers repeat scans itself with the app’s headers and page, a fresh nonce each time, counted and measured', async () => {
    const first = await scan();
    expect(first.viaApp).toBe(true);
    expect(first.res.status).toBe(200);
    const scansBefore = await scansToday();
    const metricBefore = await served();
    const repeats = await Promise.all(Array.from({ length: 20 }, () => scan()));
    expect(repeats.filter((r) => r.viaApp)).toEqual([]);
    const nonces = new Set<string>();
    for (const r of repeats) {
      expect(r.res.status).toBe(200);
      expect(stable(r.res)).toEqual(stable(first.res));
      const nonce = nonceOf(r.res.headers.get('content-security-policy'))!;
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      // The page's scripts carry the response's own nonce, and the rest of the page is the app's, byte for byte.
      expect(r.html).toContain(`nonce="${nonce}"`);
      expect(r.html.replaceAll(nonce, 'N')).toBe(first.html.replaceAll(nonceOf(first.res.headers.get('content-security-policy'))!, 'N'));
      expect(r.res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      nonces.add(nonce);
    }
    expect(nonces.size).toBe(20);
    expect(new Set(repeats.map((r) => r.res.headers.get('x-request-id'))).size).toBe(20);
    expect(first.res.headers.get('cache-control')).toBe('no-store');
    expect(await scansToday()).toBe(scansBefore + 20);
    expect(await served()).toBe(metricBefore + 20);
  });

  it('leaves to the app: a session cookie, htmx, a query string, a request id from a proxy, other methods and codes', async () => {
    await scan();
    const cookie = await scan({ cookie: 'anlin_session=not-a-session' });
    expect(cookie.viaApp).toBe(true);
    expect(cookie.res.headers.get('set-cookie')).toMatch(/anlin_session=;/); // the app drops the bad cookie
    const htmx = await scan({ 'HX-Request': 'true' });
    expect(htmx.viaApp).toBe(true);
    expect((await scan({}, '?from=poster')).viaApp).toBe(true);
    const proxied = await scan({ 'X-Request-Id': 'proxy-req-123' });
    expect(proxied.viaApp).toBe(true);
    expect(proxied.res.headers.get('x-request-id')).toBe('proxy-req-123');
    const before = appCalls;
    const head = await fetch(`${base}/q/${code.code}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    const unknown = await fetch(`${base}/q/ZZZZZZZZZZZZZ`);
    expect(unknown.status).toBe(404);
    expect(appCalls).toBe(before + 2);
  });

  it('an English visitor gets the English page (its own cached copy), not the Chinese one', async () => {
    await scan({ cookie: 'anlin_lang=en' });
    const en = await scan({ cookie: 'anlin_lang=en; other=1' });
    expect(en.viaApp).toBe(false);
    expect(en.html).toContain('lang="en"');
    const zh = await scan();
    expect(zh.viaApp).toBe(false);
    expect(zh.html).toContain('lang="zh-CN"');
  });

  it('a disabled code or a new notice goes back through the app at once, then is fast again', async () => {
    const staff = await makeStaff(t.deps.db, { communityId: community.id, role: 'community_admin' });
    const now = Date.now();
    await t.deps.db.insert(announcements).values({
      communityId: community.id, kind: 'notice', title: '停水通知 7栋', body: '明天 9:00–12:00 停水', publishAt: new Date(now - 60_000), expiresAt: new Date(now + 86400_000), createdBy: staff.user.id,
    });
    currentAnnouncementsCache.drop(community.id); // what publishing does
    const withNotice = await scan();
    expect(withNotice.viaApp).toBe(true);
    expect(withNotice.html).toContain('停水通知 7栋');
    const again = await scan();
    expect(again.viaApp).toBe(false);
    expect(again.html).toContain('停水通知 7栋');

    await t.deps.db.update(qrCodes).set({ status: 'disabled', disabledAt: new Date() }).where(eq(qrCodes.id, code.id));
    await qrScanCache(t.deps).invalidate([code.code]); // what disabling does
    for (let i = 0; i < 3; i++) {
      const disabled = await scan();
      expect(disabled.viaApp).toBe(true);
      expect(disabled.res.status).toBe(404);
      expect(disabled.html).not.toContain('停水通知 7栋');
    }
  });
});
