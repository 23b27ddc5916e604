// Open311 GeoReport v2 against real Postgres: only the standard's fields, W3C datetimes, the standard filters, XML
// mirroring JSON — and never an anonymous, police, private (dispute), unverified or non-public item, nor personal data.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { places, submissions } from '../../src/db/schema';
import { REQUEST_FIELDS, SERVICE_FIELDS } from '../../src/domain/open311/open311-format';
import { useTestApp } from '../helpers/app';
import { demoWorld, insertItem, resident, type DemoWorld } from './me-helpers';

const t = useTestApp();
let w: DemoWorld;
const items: Record<string, { id: number; trackingNo: string }> = {};
const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

beforeAll(async () => {
  w = await demoWorld(t.deps.database);
  const db = t.deps.db;
  const author = await resident(db, '周桂芳');
  const make = async (name: string, opts: Omit<Parameters<typeof insertItem>[2], 'authorUserId'>, extra: Partial<typeof submissions.$inferInsert> = {}) => {
    const row = await insertItem(db, w, { ...opts, authorUserId: author.id });
    if (Object.keys(extra).length) await db.update(submissions).set(extra).where(eq(submissions.id, row.id));
    items[name] = row;
  };
  await make('publicTip', { status: 'accepted' });
  await make('resolvedTip', { status: 'resolved' });
  await make('publicWish', { kind: 'wish', publicWish: true, status: 'in_progress', description: '想请邻居帮忙修门锁,电话 138 0013 8000,身份证 51010519800101123X' });
  await make('privateWish', { kind: 'wish', publicWish: false, status: 'in_progress' });
  await make('anonymous', { status: 'accepted', anonymous: true });
  await make('police', { status: 'accepted' }, { policeRelated: true, categoryKey: 'tip.case_clue' });
  await make('policeCategory', { status: 'accepted' }, { categoryKey: 'tip.group_rental' });
  await make('tier3', { status: 'in_progress' }, { tier: 3 });
  await make('dispute', { status: 'accepted' }, { categoryKey: 'tip.dispute' });
  await make('unverified', { status: 'received' });
  await make('rejected', { status: 'rejected' });
});

const getJson = async (path: string) => {
  const res = await t.client().get(path);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON from the wire, checked field by field below
  return { status: res.status, body: (await res.json()) as any, res };
};
const ids = (list: { service_request_id: string }[]) => list.map((r) => r.service_request_id).sort();
const visible = () => [items.publicTip, items.resolvedTip, items.publicWish].map((i) => i.trackingNo).sort();

describe('Open311 GeoReport v2', () => {
  it('services: the standard fields, no police or private category', async () => {
    const { status, body, res } = await getJson('/open311/v2/services.json');
    expect(status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(body.length).toBeGreaterThan(5);
    for (const s of body) {
      expect(Object.keys(s).sort()).toEqual([...SERVICE_FIELDS].sort());
      expect(s.type).toBe('realtime');
      expect(s.metadata).toBe(false);
    }
    const codes = body.map((s: { service_code: string }) => s.service_code);
    expect(codes).toContain('tip.fire_hazard');
    expect(codes).toContain('wish.elderly_care');
    for (const hidden of ['tip.case_clue', 'tip.suspicious', 'tip.group_rental', 'tip.population_info', 'tip.dispute']) expect(codes).not.toContain(hidden);
  });

  it('requests: only public, non-police, non-anonymous items, with standard fields and no personal data', async () => {
    const { status, body } = await getJson('/open311/v2/requests.json');
    expect(status).toBe(200);
    expect(ids(body)).toEqual(visible());
    const [courtyard] = await t.deps.db.select().from(places).where(eq(places.id, w.grid1.placeId));
    for (const r of body) {
      for (const k of Object.keys(r)) expect(REQUEST_FIELDS as readonly string[]).toContain(k);
      for (const k of ['service_request_id', 'status', 'service_code', 'service_name', 'requested_datetime']) expect(r[k], k).toBeTruthy();
      expect(['open', 'closed']).toContain(r.status);
      expect(r.requested_datetime).toMatch(W3C);
      expect(r.updated_datetime).toMatch(W3C);
      expect(r.lat).toBeUndefined();
      expect(r.long).toBeUndefined();
      expect(r.media_url).toBeUndefined();
      // Reduced to the courtyard: the building the item was filed at is not named.
      expect(r.address).toContain('清源社区');
      expect(r.address).not.toContain(courtyard.name);
      expect(JSON.stringify(r)).not.toContain('周桂芳');
    }
    const wish = body.find((r: { service_request_id: string }) => r.service_request_id === items.publicWish.trackingNo);
    expect(wish.description).toContain('修门锁');
    expect(wish.description).not.toMatch(/138\s?0013\s?8000|51010519800101123X/);
    const tip = body.find((r: { service_request_id: string }) => r.service_request_id === items.publicTip.trackingNo);
    expect(tip.description).toBe(tip.service_name);
    expect(tip.description).not.toContain('3栋楼道');
    expect(body.find((r: { service_request_id: string }) => r.service_request_id === items.resolvedTip.trackingNo).status).toBe('closed');
  });

  it('one request by id; anonymous, police and private ids answer exactly like unknown ones', async () => {
    const one = await getJson(`/open311/v2/requests/${items.publicTip.trackingNo}.json`);
    expect(one.status).toBe(200);
    expect(ids(one.body)).toEqual([items.publicTip.trackingNo]);
    const unknown = await t.client().get('/open311/v2/requests/QY-2026-999999.json');
    const unknownBody = await unknown.text();
    expect(unknown.status).toBe(404);
    for (const name of ['anonymous', 'police', 'policeCategory', 'tier3', 'dispute', 'privateWish', 'unverified', 'rejected']) {
      const res = await t.client().get(`/open311/v2/requests/${items[name].trackingNo}.json`);
      expect(res.status, name).toBe(404);
      expect(await res.text(), name).toBe(unknownBody);
    }
    const listed = await getJson(`/open311/v2/requests.json?service_request_id=${items.publicTip.trackingNo},${items.anonymous.trackingNo},${items.police.trackingNo}`);
    expect(ids(listed.body)).toEqual([items.publicTip.trackingNo]);
  });

  it('the standard filters: status, service_code, dates, jurisdiction; malformed ones are a 400 error list', async () => {
    expect(ids((await getJson('/open311/v2/requests.json?status=closed')).body)).toEqual([items.resolvedTip.trackingNo]);
    expect(ids((await getJson('/open311/v2/requests.json?service_code=wish.elderly_care')).body)).toEqual([items.publicWish.trackingNo]);
    expect((await getJson('/open311/v2/requests.json?end_date=2020-01-01T00:00:00Z')).body).toEqual([]);
    expect(ids((await getJson('/open311/v2/requests.json?start_date=2020-01-01T00:00:00%2B08:00')).body)).toEqual(visible());
    expect(ids((await getJson(`/open311/v2/requests.json?jurisdiction_id=${'510105017003'}`)).body)).toEqual(visible());
    expect((await getJson('/open311/v2/requests.json?jurisdiction_id=999999999999')).body).toEqual([]);
    for (const q of ['status=maybe', 'start_date=yesterday', 'service_code=DROP%20TABLE', 'service_request_id=1%3Bselect', 'start_date=2026-12-02&end_date=2026-01-01', 'jurisdiction_id=%3Cx%3E']) {
      const r = await getJson(`/open311/v2/requests.json?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body[0].code).toBe(400);
      expect(typeof r.body[0].description).toBe('string');
    }
  });

  it('XML carries the same requests and services', async () => {
    const json = (await getJson('/open311/v2/requests.json')).body;
    const res = await t.client().get('/open311/v2/requests.xml');
    expect(res.headers.get('content-type')).toContain('application/xml');
    const xml = await res.text();
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?><service_requests>')).toBe(true);
    const xmlIds = [...xml.matchAll(/<request>.*?<service_request_id>([^<]+)<\/service_request_id>/g)].map((m) => m[1]).sort();
    expect(xmlIds).toEqual(ids(json));
    expect(xml).not.toContain('周桂芳');
    const services = await (await t.client().get('/open311/v2/services.xml')).text();
    expect((services.match(/<service>/g) ?? []).length).toBe((await getJson('/open311/v2/services.json')).body.length);
    const missing = await t.client().get(`/open311/v2/requests/${items.anonymous.trackingNo}.xml`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<errors><error><code>404</code>');
  });
});
