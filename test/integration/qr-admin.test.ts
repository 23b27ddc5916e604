// Admin QR pages against real Postgres and Redis: scope, list/filter/paging, create, disable, replace, audit, cache, posters.
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, qrCodes } from '../../src/db/schema';
import { insertQrCode } from '../../src/domain/qr/insert-qr-code';
import { closeQrScanCache } from '../../src/domain/qr/scan-cache';
import { flushScanCounts } from '../../src/domain/qr/scan-counter';
import { useTestApp, type TestClient } from '../helpers/app';
import { makeCommunity, makePlace, makeStaff } from '../helpers/builders';

const t = useTestApp();
let admin: TestClient;
let adminId: number;
let a: { id: number }; // the admin's community
let b: { id: number }; // someone else's
let placeA: number;
let placeB: number;
let codeB: { id: number; code: string };

beforeAll(async () => {
  const db = t.deps.db;
  a = await makeCommunity(db, { name: '甲社区' });
  b = await makeCommunity(db, { name: '乙社区' });
  placeA = (await makePlace(db, a.id, { kind: 'building', name: '1栋' })).id;
  placeB = (await makePlace(db, b.id, { kind: 'building', name: '9栋' })).id;
  codeB = await insertQrCode(db, { communityId: b.id, purpose: 'report', placeId: placeB, label: '乙社区9栋' });
  // 30 codes in A so the list has a second page (25 per page).
  for (let i = 1; i <= 30; i++) {
    await insertQrCode(db, { communityId: a.id, purpose: i % 3 ? 'report' : 'patrol_checkpoint', placeId: placeA, label: `甲${i}号点` });
  }
  const s = await makeStaff(db, { communityId: a.id, role: 'community_admin' });
  adminId = s.user.id;
  admin = t.client();
  expect((await admin.signInStaff(s.username, s.password)).status).toBe(303);
});
afterAll(() => closeQrScanCache(t.deps));

const lastAudit = async (action: string, targetId: number) =>
  (await t.deps.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.targetId, String(targetId)))).orderBy(desc(auditLog.id)).limit(1))[0];

const createCode = async (label: string) => {
  const res = await admin.post(`/admin/qr?community=${a.id}`, { purpose: 'report', placeId: String(placeA), label });
  expect(res.status).toBe(303);
  const id = Number(/\/admin\/qr\/(\d+)\?done=created/.exec(res.headers.get('location') ?? '')![1]);
  const [row] = await t.deps.db.select().from(qrCodes).where(eq(qrCodes.id, id));
  return row;
};

describe('access', () => {
  it('anonymous visitors go to sign-in, other staff get 403', async () => {
    expect((await t.client().get('/admin/qr')).status).toBe(303);
    const w = await makeStaff(t.deps.db, { communityId: a.id, role: 'grid_worker' });
    const worker = t.client();
    await worker.signInStaff(w.username, w.password);
    expect((await worker.get('/admin/qr')).status).toBe(403);
  });

  it("another community's codes read as not found everywhere", async () => {
    for (const path of [
      `/admin/qr?community=${b.id}`,
      `/admin/qr/new?community=${b.id}`,
      `/admin/qr/${codeB.id}`,
      `/admin/qr/${codeB.id}/disable`,
      `/admin/qr/${codeB.id}/poster.pdf`,
      `/admin/qr/${codeB.id}/poster.png`,
      `/admin/qr/posters.pdf?community=${b.id}`,
      `/admin/qr/sheet.pdf?community=${b.id}&per=8`,
      '/admin/qr/99999999999999999999',
      '/admin/qr/posters.pdf?community=1%3Bselect%201',
    ]) {
      expect((await admin.get(path)).status, path).toBe(404);
    }
    for (const action of ['disable', 'replace']) expect((await admin.post(`/admin/qr/${codeB.id}/${action}`, {})).status).toBe(404);
    const [still] = await t.deps.db.select().from(qrCodes).where(eq(qrCodes.id, codeB.id));
    expect(still.status).toBe('active');
  });
});

describe('list', () => {
  it('shows only the community’s codes, 25 a page, with filters that ignore junk', async () => {
    const page1 = await (await admin.get(`/admin/qr?community=${a.id}`)).text();
    expect(page1).toContain('甲1号点');
    expect(page1).not.toContain('乙社区9栋');
    expect(page1).toContain('第 1 / 2 页');
    const page2 = await (await admin.get(`/admin/qr?community=${a.id}&page=2`)).text();
    expect(page2).toContain('甲30号点');
    const checkpoints = await (await admin.get(`/admin/qr?community=${a.id}&purpose=patrol_checkpoint`)).text();
    expect(checkpoints).toContain('甲3号点');
    expect(checkpoints).not.toContain('甲1号点');
    const junk = await admin.get(`/admin/qr?community=${a.id}&purpose=%27%20OR%201%3D1&status=x&page=1%3Bselect%201`);
    expect(junk.status).toBe(200);
    expect(await junk.text()).toContain('第 1 / 2 页');
  });

  it('shows scans of the last 30 days', async () => {
    const row = await createCode('扫码计数点');
    for (let i = 0; i < 2; i++) await t.client().get(`/q/${row.code}`);
    // Scans are counted in memory and written in batches: not on the page until the batch is written.
    expect(await (await admin.get(`/admin/qr?community=${a.id}&page=2`)).text()).toMatch(/扫码计数点[\s\S]*?近 30 天扫码 0 次/);
    await flushScanCounts(t.deps);
    const html = await (await admin.get(`/admin/qr?community=${a.id}&page=2`)).text();
    expect(html).toMatch(/扫码计数点[\s\S]*?近 30 天扫码 2 次 · 今天 2 次/);
  });
});

describe('create', () => {
  it('creates an active code with the place’s grid, audited, that scans at once', async () => {
    const row = await createCode('新建大堂点');
    expect(row).toMatchObject({ communityId: a.id, placeId: placeA, status: 'active', label: '新建大堂点' });
    expect(row.code).toMatch(/^[2-9A-HJKMNP-Z]{13}$/);
    const audit = await lastAudit('qr.create', row.id);
    expect(audit).toMatchObject({ actorUserId: adminId, communityId: a.id, targetType: 'qr_code' });
    expect(audit.after).toMatchObject({ code: row.code, label: '新建大堂点' });
    expect((await t.client().get(`/q/${row.code}`)).status).toBe(200);
  });

  it('re-shows the form with messages for bad input and writes nothing', async () => {
    const before = (await t.deps.db.select().from(qrCodes).where(eq(qrCodes.communityId, a.id))).length;
    for (const [form, message] of [
      [{ purpose: 'report', placeId: String(placeA), label: '　　 ' }, '请填写名称'],
      [{ purpose: 'report', placeId: String(placeA), label: 'x'.repeat(61) }, '名称最多 60 个字'],
      [{ purpose: 'hack', placeId: String(placeA), label: 'ok' }, '请选择用途'],
      [{ purpose: 'report', placeId: '1 OR 1=1', label: 'ok' }, '请选择本社区的一个地点'],
      [{ purpose: 'report', placeId: String(placeB), label: 'ok' }, '请选择本社区的一个地点'],
    ] as const) {
      const res = await admin.post(`/admin/qr?community=${a.id}`, form);
      expect(res.status, message).toBe(422);
      expect(await res.text()).toContain(message);
    }
    const nul = await admin.post(`/admin/qr?community=${a.id}`, { purpose: 'report', placeId: String(placeA), label: 'a\u0000b' });
    expect(nul.status).toBe(400);
    expect((await t.deps.db.select().from(qrCodes).where(eq(qrCodes.communityId, a.id))).length).toBe(before);
  });

  it('refuses markup in a label (the shared text rule) and escapes the quotes and ampersands it accepts', async () => {
    const refused = await admin.post(`/admin/qr?community=${a.id}`, { purpose: 'report', placeId: String(placeA), label: '<img src=x onerror=alert(1)>' });
    expect(refused.status).toBe(422);
    const row = await createCode('"北门" & 东门');
    for (const path of [`/admin/qr/${row.id}`, `/q/${row.code}`]) {
      const html = await (await admin.get(path)).text();
      expect(html).toContain('&quot;北门&quot; &amp; 东门');
    }
  });
});

describe('disable and replace', () => {
  it('disable asks first, then the next scan says 已停用 even though it was cached; audited; twice is a conflict', async () => {
    const row = await createCode('待停用点');
    expect((await t.client().get(`/q/${row.code}`)).status).toBe(200); // now cached in this process
    const confirm = await admin.get(`/admin/qr/${row.id}/disable`);
    expect(await confirm.text()).toContain('确定停用吗');
    const res = await admin.post(`/admin/qr/${row.id}/disable`, {});
    expect(res.status).toBe(303);
    const scan = await t.client().get(`/q/${row.code}`);
    expect(scan.status).toBe(404);
    expect(await scan.text()).toContain('此二维码已停用');
    const audit = await lastAudit('qr.disable', row.id);
    expect(audit).toMatchObject({ actorUserId: adminId, before: { status: 'active' }, after: { status: 'disabled' } });
    expect((await admin.post(`/admin/qr/${row.id}/disable`, {})).status).toBe(409);
    expect((await admin.get(`/admin/qr/${row.id}/poster.pdf`)).status).toBe(404);
  });

  it('replace makes a new code; the old one (cached) points to it, and after a second replacement to the newest', async () => {
    const old = await createCode('待更换点');
    await t.deps.db.update(qrCodes).set({ key: 'lobby-x' }).where(eq(qrCodes.id, old.id));
    expect((await t.client().get(`/q/${old.code}`)).status).toBe(200);
    const res = await admin.post(`/admin/qr/${old.id}/replace`, {});
    expect(res.status).toBe(303);
    const newId = Number(/\/admin\/qr\/(\d+)\?done=replaced&from=/.exec(res.headers.get('location')!)![1]);
    const [next] = await t.deps.db.select().from(qrCodes).where(eq(qrCodes.id, newId));
    const [oldNow] = await t.deps.db.select().from(qrCodes).where(eq(qrCodes.id, old.id));
    expect(next).toMatchObject({ status: 'active', label: '待更换点', placeId: placeA, key: 'lobby-x' });
    expect(oldNow).toMatchObject({ status: 'replaced', replacedById: newId, key: null });
    const detail = await (await admin.get(res.headers.get('location')!)).text();
    expect(detail).toContain(`已将 ${old.code} 更换为 ${next.code}`);
    let scan = await (await t.client().get(`/q/${old.code}`)).text();
    expect(scan).toContain('此二维码已更换');
    expect(scan).toContain(`href="/q/${next.code}"`);
    expect(await lastAudit('qr.replace', old.id)).toMatchObject({ actorUserId: adminId, after: { newCode: next.code } });

    const third = Number(/\/admin\/qr\/(\d+)/.exec((await admin.post(`/admin/qr/${newId}/replace`, {})).headers.get('location')!)![1]);
    const [newest] = await t.deps.db.select().from(qrCodes).where(eq(qrCodes.id, third));
    scan = await (await t.client().get(`/q/${old.code}`)).text();
    expect(scan).toContain(`href="/q/${newest.code}"`);
    expect((await admin.post(`/admin/qr/${old.id}/replace`, {})).status).toBe(409);
  });
});

describe('posters', () => {
  it('per code PDF and PNG, and the community’s posters and 4/8 sheets as PDF', async () => {
    const row = await createCode('海报测试点');
    const expectFile = async (path: string, type: string, magic: string) => {
      const res = await admin.get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[\w.-]+"$/);
      expect(Buffer.from(await res.arrayBuffer()).subarray(0, magic.length).toString('latin1')).toBe(magic);
    };
    await expectFile(`/admin/qr/${row.id}/poster.pdf`, 'application/pdf', '%PDF');
    await expectFile(`/admin/qr/${row.id}/poster.png`, 'image/png', '\x89PNG');
    await expectFile(`/admin/qr/posters.pdf?community=${a.id}`, 'application/pdf', '%PDF');
    await expectFile(`/admin/qr/sheet.pdf?community=${a.id}&per=4`, 'application/pdf', '%PDF');
    await expectFile(`/admin/qr/sheet.pdf?community=${a.id}&per=8`, 'application/pdf', '%PDF');
  });
});
