// A resident's patrol through the real routes (injected clock: tonight 19:05 local): 我能参加的, sign-up, check-in at
// checkpoint posters (flags, not blocks), the bad inputs of the issue, check-out and the credited, explained points.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { checkIns, pointTransfers, shiftSignups, teamMembers } from '../../src/db/schema';
import { makeClock } from '../../src/domain/patrols/app-clock';
import { insertQrCode } from '../../src/domain/qr/insert-qr-code';
import { makePlace, makeResident } from '../helpers/builders';
import { useTestApp } from '../helpers/app';
import { makePatrolWorld, makeShift, type PatrolWorld } from '../helpers/patrols';

const at = (local: string) => new Date(`${local}+08:00`);
const NOW = '2026-12-02T19:05:00+08:00';
const CLOCK_FILE = path.join(os.tmpdir(), `anlin-clock-${process.pid}-${Date.now()}`);
const setClock = (local: string) => writeFileSync(CLOCK_FILE, `${local}+08:00`);
setClock('2026-12-02T19:05:00');
const t = useTestApp({ TEST_CLOCK: `file:${CLOCK_FILE}` });

async function world(): Promise<PatrolWorld & { shift: { id: number } }> {
  const w = await makePatrolWorld(t.deps.db, { members: 2, checkpoints: 3, located: true });
  const { shift } = await makeShift(t.deps.db, w, { startsAt: at('2026-12-02T19:00:00'), endsAt: at('2026-12-02T22:00:00'), capacity: 1, minCheckpoints: 2 });
  return { ...w, shift };
}

describe('resident patrol pages', () => {
  it('signs up from 我能参加的, checks in at two posters, is refused the bad cases, checks out and sees the points explained', async () => {
    const w = await world();
    const [me, other] = w.members;
    const client = t.client();
    await client.signInResident(me.phone!);

    const list = await (await client.get('/shifts')).text();
    expect(list).toContain(`data-shift="${w.shift.id}"`);
    expect(list).toContain('还剩 1 个名额');

    const signed = await client.post(`/shifts/${w.shift.id}/sign-up`, {});
    expect(signed.status).toBe(303);
    expect(await (await client.get(signed.headers.get('location')!)).text()).toContain('报名成功');
    const twice = await client.post(`/shifts/${w.shift.id}/sign-up`, {});
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('您已经报名了这个班次');

    // The second member finds it full and is waitlisted.
    const second = t.client();
    await second.signInResident(other.phone!);
    expect(await (await second.get(`/shifts/${w.shift.id}`)).text()).toContain('名额已满,报名候补');
    await second.post(`/shifts/${w.shift.id}/sign-up`, {});
    expect(await (await second.get(`/shifts/${w.shift.id}`)).text()).toContain('您在候补名单第 1 位');

    // The poster's scan page now leads to a real check-in page, not "coming soon".
    const [cp1, cp2, cp3] = w.checkpoints;
    const scan = await (await client.get(`/q/${cp1.qr.code}`)).text();
    expect(scan).toContain(`/patrol/check-in?qr=${cp1.qr.code}`);
    const page = await client.get(`/patrol/check-in?qr=${cp1.qr.code}`);
    expect(page.status).toBe(200);
    const pageHtml = await page.text();
    expect(pageHtml).toContain('在这里签到');
    expect(pageHtml).not.toContain('即将开放');

    // Check-out before check-in is refused.
    const early = await client.post(`/shifts/${w.shift.id}/check-out`, {});
    expect(early.status).toBe(409);
    expect(await early.text()).toContain('还没有签到,不能签退');

    // At the checkpoint, with a location: clean.
    const in1 = await client.post('/patrol/check-in', { qr: cp1.qr.code, lat: '30.66', lng: '104.01' });
    expect(in1.status).toBe(303);
    expect(decodeURIComponent(in1.headers.get('location')!)).toContain('place=巡逻点1');
    // The same checkpoint again: refused, nothing written.
    const again = await client.post('/patrol/check-in', { qr: cp1.qr.code, lat: '30.66', lng: '104.01' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('您已经在「巡逻点1」签到过了');
    // A checkpoint not on the route.
    const elsewhere = await makePlace(t.deps.db, w.community.id, { kind: 'checkpoint', name: '别处' });
    const offRoute = await insertQrCode(t.deps.db, { communityId: w.community.id, purpose: 'patrol_checkpoint', placeId: elsewhere.id, label: '别处' });
    const off = await client.post('/patrol/check-in', { qr: offRoute.code });
    expect(off.status).toBe(409);
    expect(await off.text()).toContain('「别处」不在您这次巡逻的路线上');
    // The second checkpoint 1.5 km away a minute later and without a location: flagged, not refused.
    setClock('2026-12-02T19:06:00');
    const in2 = await client.post('/patrol/check-in', { qr: cp2.qr.code });
    expect(in2.status).toBe(303);
    const scans = await t.deps.db.select().from(checkIns).where(eq(checkIns.shiftId, w.shift.id));
    expect(scans).toHaveLength(2);
    expect(scans.find((s) => s.placeId === cp2.place.id)!.flags.sort()).toEqual(['no_location', 'too_fast']);

    const shiftPage = await (await client.get(`/shifts/${w.shift.id}`)).text();
    expect(shiftPage).toMatch(/data-place="\d+" class="done"|class="done" data-place/);
    expect(shiftPage).not.toContain(`data-place="${cp3.place.id}" class="done"`);

    // Check-out: flagged credit waits for review; no points yet.
    setClock('2026-12-02T21:30:00');
    const out = await client.post(`/shifts/${w.shift.id}/check-out`, {});
    expect(out.status).toBe(303);
    const [su] = await t.deps.db.select().from(shiftSignups).where(and(eq(shiftSignups.shiftId, w.shift.id), eq(shiftSignups.userId, me.id)));
    expect(su.creditStatus).toBe('flagged');
    expect(await t.deps.db.select().from(pointTransfers).where(eq(pointTransfers.idempotencyKey, `award:patrol:${w.shift.id}:${me.id}`))).toHaveLength(0);
    expect(await (await client.get(`/shifts/${w.shift.id}`)).text()).toContain('待组织者复核');
    setClock('2026-12-02T19:05:00');
    // After check-out no more check-ins.
    const late = await client.post('/patrol/check-in', { qr: cp3.qr.code, lat: '30.687', lng: '104.01' });
    expect(late.status).toBe(409);
    expect(await late.text()).toContain('您已经签退');
  });

  it('a clean patrol is credited at check-out and the page links to the explained ledger entry', async () => {
    const w = await makePatrolWorld(t.deps.db, { members: 1, checkpoints: 2 });
    // Started at 17:00 local: served from 17:00 (clipped) to the check-out at the injected 19:05+ → 2 h 5 min.
    const { shift } = await makeShift(t.deps.db, w, { startsAt: at('2026-12-02T17:00:00'), endsAt: at('2026-12-02T20:00:00') });
    const client = t.client();
    await client.signInResident(w.members[0].phone!);
    await client.post(`/shifts/${shift.id}/sign-up`, {});
    await t.deps.db.update(shiftSignups).set({ checkedInAt: at('2026-12-02T16:50:00') }).where(eq(shiftSignups.shiftId, shift.id));
    expect((await client.post('/patrol/check-in', { qr: w.checkpoints[0].qr.code })).status).toBe(303);
    expect((await client.post(`/shifts/${shift.id}/check-out`, {})).status).toBe(303);
    const html = await (await client.get(`/shifts/${shift.id}?done=out`)).text();
    expect(html).toContain('已签退');
    const [transfer] = await t.deps.db.select().from(pointTransfers).where(eq(pointTransfers.idempotencyKey, `award:patrol:${shift.id}:${w.members[0].id}`));
    expect(transfer.amount).toBe(21); // 2 h 5 min of day time at 10/h
    expect(html).toContain(`href="/me/points/${transfer.id}"`);
    const entry = await (await client.get(`/me/points/${transfer.id}`)).text();
    expect(entry).toContain('夜跑联防 12月2日 17:00–19:05,服务 2.1 小时');
  });

  it('checks out by scanning a poster: the poster page offers 签退 once checked in, and only then', async () => {
    const w = await makePatrolWorld(t.deps.db, { members: 1, checkpoints: 2 });
    const { shift } = await makeShift(t.deps.db, w, { startsAt: at('2026-12-02T17:00:00'), endsAt: at('2026-12-02T20:00:00') });
    const client = t.client();
    await client.signInResident(w.members[0].phone!);
    await client.post(`/shifts/${shift.id}/sign-up`, {});
    const checkOutForm = `action="/shifts/${shift.id}/check-out"`;
    // Not checked in yet: the poster offers check-in only.
    expect(await (await client.get(`/patrol/check-in?qr=${w.checkpoints[1].qr.code}`)).text()).not.toContain(checkOutForm);
    expect((await client.post('/patrol/check-in', { qr: w.checkpoints[0].qr.code })).status).toBe(303);
    // At the last checkpoint of the night, the poster's page offers 签退 for this shift.
    const poster = await (await client.get(`/patrol/check-in?qr=${w.checkpoints[1].qr.code}`)).text();
    expect(poster).toContain(checkOutForm);
    expect(poster).toContain('在这里签退');
    setClock('2026-12-02T19:50:00');
    expect((await client.post(`/shifts/${shift.id}/check-out`, {})).status).toBe(303);
    // Checked out (the credit itself follows the usual rules: this check-in had no location, so it waits for review).
    expect(await (await client.get(`/patrol/check-in?qr=${w.checkpoints[1].qr.code}`)).text()).not.toContain(checkOutForm);
    const [su] = await t.deps.db.select().from(shiftSignups).where(and(eq(shiftSignups.shiftId, shift.id), eq(shiftSignups.userId, w.members[0].id)));
    expect(su.checkedOutAt).not.toBeNull();
    expect(['credited', 'flagged']).toContain(su.creditStatus);
    setClock('2026-12-02T19:05:00');
  });

  it('outside the window, without a sign-up, or as staff: clear refusals', async () => {
    const w = await makePatrolWorld(t.deps.db, { members: 1, checkpoints: 1 });
    const { shift } = await makeShift(t.deps.db, w, { startsAt: at('2026-12-02T21:00:00'), endsAt: at('2026-12-02T23:00:00') });
    const client = t.client();
    await client.signInResident(w.members[0].phone!);
    const none = await client.post('/patrol/check-in', { qr: w.checkpoints[0].qr.code });
    expect(none.status).toBe(409);
    expect(await none.text()).toContain('您今天没有需要在这里签到的班次');
    await client.post(`/shifts/${shift.id}/sign-up`, {});
    const tooEarly = await client.post('/patrol/check-in', { qr: w.checkpoints[0].qr.code });
    expect(tooEarly.status).toBe(409);
    expect(await tooEarly.text()).toContain('现在不在签到时间内');
    const junk = await client.get('/patrol/check-in?qr=../../etc');
    expect(junk.status).toBe(404);
    expect(await junk.text()).toContain('这不是巡逻点或活动签到的二维码');

    const staff = t.client();
    await staff.signInStaff(w.organiser.username, w.organiser.password);
    const refused = await staff.post(`/shifts/${shift.id}/sign-up`, {});
    expect(refused.status).toBe(403);
  });

  it('leader mode: the leader shows a code that changes every 30 s; a member checks in with it; a replayed old code is refused', async () => {
    const w = await makePatrolWorld(t.deps.db, { members: 3, checkpoints: 1 });
    const [leader, member, late] = w.members;
    await t.deps.db.update(teamMembers).set({ role: 'leader' }).where(and(eq(teamMembers.teamId, w.team.id), eq(teamMembers.userId, leader.id)));
    const { shift } = await makeShift(t.deps.db, w, { startsAt: at('2026-12-02T19:00:00'), endsAt: at('2026-12-02T22:00:00') });
    setClock('2026-12-02T19:10:00');
    const lc = t.client();
    await lc.signInResident(leader.phone!);
    expect(await (await lc.get(`/shifts/${shift.id}`)).text()).toContain(`href="/shifts/${shift.id}/leader"`);
    const box = await (await lc.get(`/shifts/${shift.id}/leader/code`, { 'HX-Request': 'true', 'HX-Request-Type': 'partial' })).text();
    expect(box).toContain('hx-trigger="every 5s"');
    const code = /data-code="(\d{6})"/.exec(box)![1];
    expect(box).toMatch(/<img src="data:image\/png;base64,/);

    const mc = t.client();
    await mc.signInResident(member.phone!);
    expect((await mc.get(`/shifts/${shift.id}/leader`)).status).toBe(403);
    await mc.post(`/shifts/${shift.id}/sign-up`, {});
    expect(await (await mc.get(`/patrol/join?s=${shift.id}&c=${code}`)).text()).toContain('随队长签到');
    setClock('2026-12-02T19:10:35'); // the next 30 s window: still accepted
    const joined = await mc.post('/patrol/join', { s: String(shift.id), c: code });
    expect(joined.status).toBe(303);
    const [su] = await t.deps.db.select().from(shiftSignups).where(and(eq(shiftSignups.shiftId, shift.id), eq(shiftSignups.userId, member.id)));
    expect(su.checkedInAt?.toISOString()).toBe('2026-12-02T11:10:35.000Z');
    expect((await mc.post('/patrol/join', { s: String(shift.id), c: code })).status).toBe(409);

    // A photo of that code, replayed a minute later by someone else: refused, nothing written.
    const xc = t.client();
    await xc.signInResident(late.phone!);
    await xc.post(`/shifts/${shift.id}/sign-up`, {});
    setClock('2026-12-02T19:11:30');
    const replay = await xc.post('/patrol/join', { s: String(shift.id), c: code });
    expect(replay.status).toBe(409);
    expect(await replay.text()).toContain('队长的签到码已过期或不正确');
    const [lateSu] = await t.deps.db.select().from(shiftSignups).where(and(eq(shiftSignups.shiftId, shift.id), eq(shiftSignups.userId, late.id)));
    expect(lateSu.checkedInAt).toBeNull();
    setClock('2026-12-02T19:05:00');
  });

  it('a resident asks to join; the team leader (a resident) approves; others cannot see the requests', async () => {
    const w = await makePatrolWorld(t.deps.db, { members: 2, checkpoints: 0 });
    const [leader, plain] = w.members;
    await t.deps.db.update(teamMembers).set({ role: 'leader' }).where(and(eq(teamMembers.teamId, w.team.id), eq(teamMembers.userId, leader.id)));
    const newcomer = await makeResident(t.deps.db, { homePlaceId: (await makePlace(t.deps.db, w.community.id)).id });
    const nc = t.client();
    await nc.signInResident(newcomer.phone!);
    expect(await (await nc.get('/shifts')).text()).toContain(`data-team="${w.team.id}"`);
    expect((await nc.post(`/teams/${w.team.id}/join`, {})).status).toBe(303);
    expect((await nc.post(`/teams/${w.team.id}/join`, {})).status).toBe(303); // asking twice is harmless
    expect(await (await nc.get('/shifts')).text()).toContain('申请审核中');

    const pc = t.client();
    await pc.signInResident(plain.phone!);
    expect((await pc.get(`/teams/${w.team.id}`)).status).toBe(404);
    expect((await pc.post(`/teams/${w.team.id}/requests/${newcomer.id}/approve`, {})).status).toBe(404);

    const lc = t.client();
    await lc.signInResident(leader.phone!);
    expect(await (await lc.get('/shifts')).text()).toContain(`href="/teams/${w.team.id}"`);
    expect(await (await lc.get(`/teams/${w.team.id}`)).text()).toContain(`data-request="${newcomer.id}"`);
    expect((await lc.post(`/teams/${w.team.id}/requests/${newcomer.id}/approve`, {})).status).toBe(303);
    const [m] = await t.deps.db.select().from(teamMembers).where(and(eq(teamMembers.teamId, w.team.id), eq(teamMembers.userId, newcomer.id)));
    expect(m).toMatchObject({ status: 'active', decidedBy: leader.id });
    expect(await (await nc.get('/me/inbox')).text()).toContain('已加入队伍');
  });

  it('one phone checking in two accounts at the same checkpoint flags the second, and refuses neither', async () => {
    const w = await makePatrolWorld(t.deps.db, { members: 2, checkpoints: 1 });
    const { shift } = await makeShift(t.deps.db, w, { startsAt: at('2026-12-02T19:00:00'), endsAt: at('2026-12-02T22:00:00') });
    setClock('2026-12-02T19:20:00');
    const phone = t.client();
    await phone.signInResident(w.members[0].phone!);
    await phone.post(`/shifts/${shift.id}/sign-up`, {});
    await phone.get(`/patrol/check-in?qr=${w.checkpoints[0].qr.code}`);
    const device = phone.cookies.get('anlin_dev')!;
    expect(device).toMatch(/^[a-f0-9]{32}$/);
    expect((await phone.post('/patrol/check-in', { qr: w.checkpoints[0].qr.code })).status).toBe(303);
    const other = t.client();
    other.cookies.set('anlin_dev', device);
    await other.signInResident(w.members[1].phone!);
    await other.post(`/shifts/${shift.id}/sign-up`, {});
    expect((await other.post('/patrol/check-in', { qr: w.checkpoints[0].qr.code })).status).toBe(303);
    const rows = await t.deps.db.select().from(shiftSignups).where(eq(shiftSignups.shiftId, shift.id));
    expect(rows.find((r) => r.userId === w.members[0].id)!.flags).toEqual([]);
    expect(rows.find((r) => r.userId === w.members[1].id)!.flags).toEqual(['shared_device']);
    setClock('2026-12-02T19:05:00');
  });

  it('TEST_CLOCK is honoured only with NODE_ENV=test', () => {
    const real = () => new Date('2030-01-01T00:00:00Z');
    expect(makeClock({ NODE_ENV: 'production', TEST_CLOCK: NOW }, real)().toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(makeClock({ NODE_ENV: 'test', TEST_CLOCK: NOW }, real)().toISOString()).toBe('2026-12-02T11:05:00.000Z');
    expect(makeClock({ NODE_ENV: 'production', TEST_CLOCK: `file:${CLOCK_FILE}` }, real)().toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(makeClock({ NODE_ENV: 'test', TEST_CLOCK: `file:${CLOCK_FILE}` }, real)().toISOString()).toBe('2026-12-02T11:05:00.000Z');
  });
});
