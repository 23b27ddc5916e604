// Volunteer activities through the real routes: an organiser publishes one (bad input refused by field), a resident
// signs up, checks in at the place's 活动签到 poster, checks out, and is credited under the activity rule; the
// organiser cancels another occurrence from its page and everyone signed up is told.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { notifications, pointTransfers, shiftSignups, shifts } from '../../src/db/schema';
import { insertQrCode } from '../../src/domain/qr/insert-qr-code';
import { makePlace, makeResident } from '../helpers/builders';
import { useTestApp } from '../helpers/app';
import { makePatrolWorld, makeShift } from '../helpers/patrols';

const t = useTestApp({ TEST_CLOCK: '2026-12-05T09:10:00+08:00' });
const at = (local: string) => new Date(`${local}+08:00`);

describe('volunteer activities', () => {
  it('publish → sign up (open to everyone) → poster check-in → check-out → credited under the activity rule', async () => {
    const w = await makePatrolWorld(t.deps.db, { members: 0, checkpoints: 0 });
    const center = await makePlace(t.deps.db, w.community.id, { kind: 'other', name: '党群服务中心' });
    const poster = await insertQrCode(t.deps.db, { communityId: w.community.id, purpose: 'event_checkin', placeId: center.id, label: '活动签到' });
    const org = t.client();
    await org.signInStaff(w.organiser.username, w.organiser.password);
    const base = { title: '周六环境整治', placeId: String(center.id), startsAt: '2026-12-05T09:00', endsAt: '2026-12-05T11:00', capacity: '30' };
    const bad = await org.post('/organiser/activities', { ...base, endsAt: '2026-12-05T08:00' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('结束时间要晚于开始时间');
    const badDate = await org.post('/organiser/activities', { ...base, startsAt: '2026-02-30T09:00' });
    expect(badDate.status).toBe(422);
    expect(await t.deps.db.select().from(shifts).where(eq(shifts.communityId, w.community.id))).toHaveLength(0);
    const made = await org.post('/organiser/activities', base);
    expect(made.status).toBe(303);
    const [act] = await t.deps.db.select().from(shifts).where(eq(shifts.communityId, w.community.id));
    expect(act).toMatchObject({ kind: 'activity', teamId: null, placeId: center.id, startsAt: at('2026-12-05T09:00:00') });

    // A resident living in the community, in no team, sees it and joins.
    const home = await makePlace(t.deps.db, w.community.id);
    const r = await makeResident(t.deps.db, { homePlaceId: home.id });
    const c = t.client();
    await c.signInResident(r.phone!);
    expect(await (await c.get('/shifts')).text()).toContain(`data-shift="${act.id}"`);
    expect((await c.post(`/shifts/${act.id}/sign-up`, {})).status).toBe(303);
    const page = await c.get(`/events/check-in?qr=${poster.code}`);
    expect(await page.text()).toContain('党群服务中心');
    expect((await c.post('/events/check-in', { qr: poster.code })).status).toBe(303);
    // The injected clock stands at 09:10: move the activity (and the check-in) two hours back, so the check-out now
    // closes two served hours.
    await t.deps.db.update(shifts).set({ startsAt: at('2026-12-05T07:10:00'), endsAt: at('2026-12-05T09:40:00') }).where(eq(shifts.id, act.id));
    await t.deps.db.update(shiftSignups).set({ checkedInAt: at('2026-12-05T07:10:00') }).where(eq(shiftSignups.shiftId, act.id));
    expect((await c.post(`/shifts/${act.id}/check-out`, {})).status).toBe(303);
    const [tr] = await t.deps.db.select().from(pointTransfers).where(eq(pointTransfers.idempotencyKey, `award:activity:${act.id}:${r.id}`));
    // 07:10–09:10 = 2 h at the rule's 10 points per hour.
    expect(tr.amount).toBe(20);
    expect((tr.reason as { rule: string }).rule).toBe('volunteer_activity');
  });

  it('an organiser cancels one occurrence from its page with a notice; an empty notice is refused', async () => {
    const w = await makePatrolWorld(t.deps.db, { members: 1, checkpoints: 1 });
    const { shift } = await makeShift(t.deps.db, w, { startsAt: at('2026-12-05T19:00:00'), endsAt: at('2026-12-05T22:00:00') });
    const m = t.client();
    await m.signInResident(w.members[0].phone!);
    await m.post(`/shifts/${shift.id}/sign-up`, {});
    const org = t.client();
    await org.signInStaff(w.organiser.username, w.organiser.password);
    expect(await (await org.get(`/organiser/shifts/${shift.id}`)).text()).toContain('取消本次并通知大家');
    expect((await org.post(`/organiser/shifts/${shift.id}/cancel`, { notice: '' })).status).toBe(422);
    expect((await org.post(`/organiser/shifts/${shift.id}/cancel`, { notice: '今晚有雨,暂停一次' })).status).toBe(303);
    const told = await t.deps.db.select().from(notifications).where(and(eq(notifications.userId, w.members[0].id), eq(notifications.kind, 'patrol.cancelled')));
    expect(told).toHaveLength(1);
    expect(told[0].body).toContain('今晚有雨,暂停一次');
    expect(await (await m.get(`/shifts/${shift.id}`)).text()).toContain('本次已取消:今晚有雨,暂停一次');
    expect(await (await m.get('/me/inbox')).text()).toContain('班次取消:夜跑联防');
  });
});
