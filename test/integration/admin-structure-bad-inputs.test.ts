// Every hostile text from the shared bad-input cases, in every name field and CSV name cell: a 4xx or stored and shown escaped, never a 500.
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { grids, places } from '../../src/db/schema';
import { toCsv } from '../../src/domain/csv/stringify';
import { PLACE_COLUMNS } from '../../src/domain/places/place-csv';
import { useTestApp, type TestClient } from '../helpers/app';
import { makeCommunity, makeStaff } from '../helpers/builders';

const cases = (JSON.parse(readFileSync(new URL('../fixtures/bad-inputs/cases.json', import.meta.url), 'utf8')) as { text: { value: string; repeat?: number }[]; ids: string[] }).text.map(
  (c) => c.value.repeat(c.repeat ?? 1),
);
const t = useTestApp();
let admin: TestClient;
let community: Awaited<ReturnType<typeof makeCommunity>>;

beforeAll(async () => {
  community = await makeCommunity(t.deps.db);
  const a = await makeStaff(t.deps.db, { communityId: community.id, role: 'community_admin' });
  admin = t.client();
  await admin.signInStaff(a.username, a.password);
});

const RAW_MARKUP = /<script>alert|<img src=x|" hx-get="\/admin"/;

describe('bad input in name fields', () => {
  it.each(cases.map((v, i) => [i, v]))('case %i in grid, place, staff and community names', async (i, value) => {
    const posts: [string, Record<string, string>][] = [
      [`/admin/c/${community.id}/grids/new`, { code: `${community.code}${String(100 + Number(i)).slice(-3)}`, name: value, kind: 'comprehensive', households: '1' }],
      [`/admin/c/${community.id}/places/new`, { key: `bad-${i}`, name: value, kind: 'courtyard' }],
      [`/admin/c/${community.id}/staff/new`, { username: `bad.${i}`, name: value, role: 'clerk' }],
      [`/admin/c/${community.id}`, { name: value, district: value, population: '1 OR 1=1' }],
    ];
    for (const [path, form] of posts) {
      const res = await admin.post(path, form);
      expect(res.status, `${path} ${JSON.stringify(value.slice(0, 40))}`).toBeLessThan(500);
      expect([200, 303, 400, 413, 422]).toContain(res.status);
      expect(await res.text()).not.toMatch(RAW_MARKUP);
    }
    for (const page of [`/admin/c/${community.id}/grids`, `/admin/c/${community.id}/places`, `/admin/c/${community.id}/staff`]) {
      const res = await admin.get(page);
      expect(res.status).toBe(200);
      expect(await res.text()).not.toMatch(RAW_MARKUP);
    }
  });

  it('stores what it accepts exactly (emoji, CJK extension B, quotes) and shows it escaped; markup is refused', async () => {
    const [g] = await t.deps.db.select().from(grids).where(eq(grids.name, '😀👨‍👩‍👧‍👦𠀀'));
    expect(g).toBeTruthy();
    const [p] = await t.deps.db.select().from(places).where(eq(places.name, "'; DROP TABLE submissions; --"));
    expect(p).toBeTruthy();
    // Markup is refused by the one text rule (text/text-rules.ts), like in descriptions and staff texts.
    expect(await t.deps.db.select().from(places).where(eq(places.name, '<script>alert(1)</script>'))).toHaveLength(0);
    const html = await (await admin.get(`/admin/c/${community.id}/places`)).text();
    expect(html).toContain('&#39;; DROP TABLE submissions; --');
  });

  it('puts every case in a CSV name cell: rows refused or previewed escaped, never a 500', async () => {
    const rows = cases.filter((v) => !v.includes('\u0000')).map((name, i) => ({ key: `csv-${i}`, name, kind: '院落' }));
    const form = new FormData();
    form.append('file', new Blob([toCsv(PLACE_COLUMNS, rows)]), 'bad.csv');
    const res = await admin.request(`/admin/import/${community.id}/places`, { method: 'POST', body: form });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).not.toMatch(RAW_MARKUP);
    expect(html).toContain('最多 64 个字');
    expect(html).toContain('控制字符');
    const nul = new FormData();
    nul.append('file', new Blob(['地点编号,名称,类型\nn1,a\u0000b,院落\n']), 'nul.csv');
    const r2 = await admin.request(`/admin/import/${community.id}/places`, { method: 'POST', body: nul });
    expect(r2.status).toBe(422);
    expect(await r2.text()).toContain('不是文本格式');
  });

  it('treats odd ids and page numbers as not found or page 1', async () => {
    for (const id of ['0', '-1', '999999999999', 'abc', '1;select 1', '%2e%2e', "' or '1'='1"]) {
      for (const path of [`/admin/grids/${encodeURIComponent(id)}`, `/admin/places/${encodeURIComponent(id)}`, `/admin/c/${encodeURIComponent(id)}/grids`]) {
        expect((await admin.get(path)).status, path).toBe(404);
      }
      expect((await admin.get(`/admin/c/${community.id}/places?page=${encodeURIComponent(id)}&parent=${encodeURIComponent(id)}&grid=${encodeURIComponent(id)}`)).status).toBeLessThan(500);
    }
  });
});
