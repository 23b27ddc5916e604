// 兑换统计 for admins: redemptions by item and month, points spent vs issued, the CSV (BOM, formula cells neutralised,
// audited), and nobody else gets it.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema';
import type { StaffScope } from '../../src/domain/auth/staff-scope';
import { handOver } from '../../src/domain/rewards/hand-over';
import { redeem } from '../../src/domain/rewards/redeem';
import { cancelVoucher } from '../../src/domain/rewards/cancel-voucher';
import { useTestApp, type TestClient } from '../helpers/app';
import { makeCommunity, makeResident, makeStaff } from '../helpers/builders';
import { creditPoints, makeGoods } from '../helpers/rewards';

const t = useTestApp();
let admin: TestClient;
let clerk: TestClient;
let communityId: number;

beforeAll(async () => {
  const db = t.deps.db;
  const c = await makeCommunity(db);
  communityId = c.id;
  const a = await makeStaff(db, { communityId, role: 'community_admin' });
  admin = t.client();
  await admin.signInStaff(a.username, a.password);
  const k = await makeStaff(db, { communityId, role: 'clerk' });
  clerk = t.client();
  await clerk.signInStaff(k.username, k.password);
  const rs = await Promise.all([makeResident(db), makeResident(db)]);
  await creditPoints(db, communityId, rs.map((r) => r.id), 500);
  const rice = await makeGoods(db, communityId, { name: '大米 5 kg', price: 100, stock: 10 });
  const evil = await makeGoods(db, communityId, { name: '=HYPERLINK("http://x")', price: 20, stock: 10 });
  const scope: StaffScope = [{ communityId, communityName: c.name, role: 'clerk', gridIds: null }];
  const base = { communityId, validDays: 14, timeZone: 'Asia/Shanghai' };
  const v1 = await redeem(db, { ...base, userId: rs[0].id, itemId: rice.id });
  await redeem(db, { ...base, userId: rs[1].id, itemId: rice.id });
  const v3 = await redeem(db, { ...base, userId: rs[1].id, itemId: evil.id });
  await handOver(db, { actorUserId: k.user.id, scope, code: v1.code, timeZone: 'Asia/Shanghai' });
  await cancelVoucher(db, { userId: rs[1].id, voucherId: v3.voucherId });
  await redeem(db, { ...base, userId: rs[1].id, itemId: evil.id });
});

describe('rewards report', () => {
  it('shows redemptions by item and month, points spent vs issued (cancelled ones not counted)', async () => {
    const html = await (await admin.get(`/admin/rewards?community=${communityId}`)).text();
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
    expect(html).toContain(`<tr data-month="${month}"><td>${month}</td><td>3</td><td>1</td><td>100</td><td>1000</td></tr>`);
    expect(html).toContain('<td>大米 5 kg</td><td>2</td><td>1</td><td>100</td>');
  });

  it('exports UTF-8 CSV with BOM, formula cells neutralised, and audits the export', async () => {
    const res = await admin.get(`/admin/rewards/export.csv?community=${communityId}`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('月份,兑换品,兑换数,已领取,消耗积分');
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    const audits = await t.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'export.rewards'), eq(auditLog.communityId, communityId)));
    expect(audits).toHaveLength(1);
  });

  it('clerks, residents and other communities’ admins cannot read it', async () => {
    expect((await clerk.get(`/admin/rewards?community=${communityId}`)).status).toBe(403);
    expect((await clerk.get(`/admin/rewards/export.csv?community=${communityId}`)).status).toBe(403);
    const other = await makeCommunity(t.deps.db);
    const a2 = await makeStaff(t.deps.db, { communityId: other.id, role: 'community_admin' });
    const c2 = t.client();
    await c2.signInStaff(a2.username, a2.password);
    expect((await c2.get(`/admin/rewards?community=${communityId}`)).status).toBe(404);
    expect((await c2.get(`/admin/rewards/export.csv?community=${communityId}`)).status).toBe(404);
  });
});
