// 签到名单 over HTTP: an organiser ticks a booked resident on the session's day (the hold is posted), a second tick is
// refused, and staff outside the community's counter and organisers cannot open the list.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { pointTransfers, rewardVouchers } from '../../src/db/schema';
import { redeem } from '../../src/domain/rewards/redeem';
import { useTestApp, type TestClient } from '../helpers/app';
import { makeCommunity, makeResident, makeStaff } from '../helpers/builders';
import { creditPoints, makeCourse, rewardsInvariants } from '../helpers/rewards';

const t = useTestApp();
let organiser: TestClient;
let communityId: number;
let sessionId: number;
let voucherId: number;

beforeAll(async () => {
  const db = t.deps.db;
  const c = await makeCommunity(db);
  communityId = c.id;
  const o = await makeStaff(db, { communityId, role: 'organiser' });
  organiser = t.client();
  await organiser.signInStaff(o.username, o.password);
  const r = await makeResident(db, { displayName: '刘阿姨' });
  await creditPoints(db, communityId, [r.id], 100);
  // Starts in a minute: today, and still ahead when booked.
  const course = await makeCourse(db, communityId, { name: '书法课', price: 30, startsAt: new Date(Date.now() + 60_000) });
  sessionId = course.sessions[0].id;
  voucherId = (await redeem(db, { communityId, userId: r.id, itemId: course.item.id, sessionId, validDays: 14, timeZone: 'Asia/Shanghai' })).voucherId;
});

describe('attendance list', () => {
  it('an organiser sees the masked list and ticks the resident; the hold is posted once', async () => {
    const html = await (await organiser.get(`/clerk/sessions/${sessionId}`)).text();
    expect(html).toContain('刘**');
    expect(html).not.toContain('刘阿姨');
    expect(html).toContain('待领取');
    const tick = await organiser.post(`/clerk/sessions/${sessionId}/attend/${voucherId}`, {});
    expect(tick.status).toBe(303);
    const after = await (await organiser.get(tick.headers.get('location')!)).text();
    expect(after).toContain('已签到');
    expect(after).toContain('已领取');
    const again = await organiser.post(`/clerk/sessions/${sessionId}/attend/${voucherId}`, {});
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('已经领取过了');
    const [v] = await t.deps.db.select().from(rewardVouchers).where(eq(rewardVouchers.id, voucherId));
    const posts = await t.deps.db.select().from(pointTransfers).where(and(eq(pointTransfers.kind, 'post'), eq(pointTransfers.settlesTransferId, v.holdTransferId)));
    expect(posts).toHaveLength(1);
    expect(await rewardsInvariants(t.deps.db, communityId)).toEqual([]);
  });

  it('grid staff get 403; another community’s organiser and a bad id read as missing', async () => {
    const w = await makeStaff(t.deps.db, { communityId, role: 'grid_worker' });
    const wc = t.client();
    await wc.signInStaff(w.username, w.password);
    expect((await wc.get(`/clerk/sessions/${sessionId}`)).status).toBe(403);
    const other = await makeCommunity(t.deps.db);
    const o2 = await makeStaff(t.deps.db, { communityId: other.id, role: 'organiser' });
    const oc = t.client();
    await oc.signInStaff(o2.username, o2.password);
    expect((await oc.get(`/clerk/sessions/${sessionId}`)).status).toBe(404);
    expect((await oc.post(`/clerk/sessions/${sessionId}/attend/${voucherId}`, {})).status).toBe(404);
    expect((await organiser.get('/clerk/sessions/abc')).status).toBe(404);
    // Organisers tick attendance; the goods counter itself stays with clerks and admins.
    expect((await organiser.get('/clerk')).status).toBe(403);
  });
});
