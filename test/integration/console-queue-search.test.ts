// The queue's search box against real Postgres: a tracking number in scope jumps to the item (plain and htmx), typed
// loosely; out of scope and nonexistent answer alike; words search the text; LIKE wildcards are literal; a name never
// finds an anonymous item (the author is not searched).
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { submissions } from '../../src/db/schema';
import { normalizeSearch, trackingNoOf } from '../../src/domain/console/queue-filter';
import { useTestApp } from '../helpers/app';
import { DEMO_PASSWORD, demoWorld, resident, type DemoWorld } from './me-helpers';
import { isolatedGrid, queueItem, rowsOf } from './console-queue-helpers';

const t = useTestApp();
let w: DemoWorld;
let author: { id: number };
beforeAll(async () => {
  w = await demoWorld(t.deps.database);
  author = await resident(t.deps.db, '钱桂英');
});

async function staffClient(username: string) {
  const client = t.client();
  expect((await client.signInStaff(username, DEMO_PASSWORD)).status).toBe(303);
  return client;
}

const search = (q: string) => `/staff/queue?q=${encodeURIComponent(q)}`;

describe('tracking numbers', () => {
  it('are read loosely: case, spaces, full-width digits, missing zeros', () => {
    expect(trackingNoOf('QY-2026-000123')).toBe('QY-2026-000123');
    expect(trackingNoOf('qy 2026 123')).toBe('QY-2026-000123');
    expect(trackingNoOf(normalizeSearch('QY2026000123'))).toBe('QY-2026-000123');
    expect(trackingNoOf(normalizeSearch('ＱＹ－２０２６－１２３'))).toBe('QY-2026-000123');
    expect(trackingNoOf('楼道 2026')).toBeNull();
    expect(normalizeSearch('x'.repeat(500))).toHaveLength(40);
  });
});

describe('queue search', () => {
  it('jumps to an item in scope by its number; out of scope and unknown numbers answer alike', async () => {
    const db = t.deps.db;
    const mine = await queueItem(db, w, { authorUserId: author.id, gridId: w.grid1.id });
    const elsewhere = await isolatedGrid(db, w);
    const theirs = await queueItem(db, w, { authorUserId: author.id, gridId: elsewhere.grid.id, placeId: elsewhere.place.id });
    const worker = await staffClient('worker1');

    const hit = await worker.get(search(mine.trackingNo.toLowerCase().replace(/-/g, ' ')));
    expect(hit.status).toBe(303);
    expect(hit.headers.get('location')).toBe(`/staff/items/${mine.id}`);
    const hx = await worker.get(search(mine.trackingNo), { 'HX-Request': 'true', 'HX-Request-Type': 'partial' });
    expect(hx.headers.get('HX-Redirect')).toBe(`/staff/items/${mine.id}`);

    const [year, seq] = theirs.trackingNo.split('-').slice(1);
    const unknown = `QY-${year}-${String(Number(seq) + 500).padStart(6, '0')}`;
    const pages = await Promise.all([theirs.trackingNo, unknown].map(async (q) => {
      const res = await worker.get(search(q));
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(rowsOf(html)).toEqual([]);
      return html.replaceAll(q, 'NUMBER').replace(/nonce="[^"]+"/g, '').replace(/name="_csrf" value="[^"]+"/g, '');
    }));
    expect(pages[0]).toContain('没有找到与“NUMBER”相符');
    expect(pages[0]).toBe(pages[1]);
    // The admin covers the whole community and so is taken to the other grid's item.
    const admin = await staffClient('admin');
    expect((await admin.get(search(theirs.trackingNo))).headers.get('location')).toBe(`/staff/items/${theirs.id}`);
  });

  it('finds words of the text within scope, every word required, wildcards literal, never by author', async () => {
    const db = t.deps.db;
    const a = await queueItem(db, w, { authorUserId: author.id });
    const b = await queueItem(db, w, { authorUserId: author.id });
    const anon = await queueItem(db, w, { authorUserId: author.id, anonymous: true });
    const elsewhere = await isolatedGrid(db, w);
    const out = await queueItem(db, w, { authorUserId: author.id, gridId: elsewhere.grid.id });
    await db.update(submissions).set({ description: '三号楼电动车在楼道充电,插线板冒烟' }).where(eq(submissions.id, a.id));
    await db.update(submissions).set({ description: '小区东门路灯不亮,晚上电动车看不清' }).where(eq(submissions.id, b.id));
    await db.update(submissions).set({ description: '有人在地下室聚集赌博,100%确定' }).where(eq(submissions.id, anon.id));
    await db.update(submissions).set({ description: '电动车充电线私拉乱接' }).where(eq(submissions.id, out.id));
    const worker = await staffClient('worker1');

    const rows = async (q: string) => rowsOf(await (await worker.get(search(q))).text());
    expect((await rows('电动车')).sort()).toEqual([a.trackingNo, b.trackingNo].sort());
    expect(await rows('电动车 冒烟')).toEqual([a.trackingNo]);
    expect(await rows('100%')).toEqual([anon.trackingNo]);
    expect(await rows('%')).toEqual([anon.trackingNo]);
    expect(await rows('_')).toEqual([]);
    expect(await rows('钱桂英')).toEqual([]);
    // The search is kept in the tabs' and pager's links and in the box.
    const html = await (await worker.get(search('电动车'))).text();
    expect(html).toContain('value="电动车"');
    expect(html).toMatch(/href="\/staff\/queue\?status=all&amp;q=%E7%94%B5%E5%8A%A8%E8%BD%A6"/);
  });
});
