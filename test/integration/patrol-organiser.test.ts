// Organiser pages through the real routes: scoped to their community's teams, team and join approval, a recurring
// template with a route (and its bad inputs), an activity, the live board, flag review, reports, CSV and heat map.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, checkIns, shiftSignups, shiftTemplates, shifts, teamMembers } from '../../src/db/schema';
import { checkIn } from '../../src/domain/patrols/check-in';
import { checkOut } from '../../src/domain/patrols/check-out';
import { requestJoin } from '../../src/domain/patrols/team-membership';
import { signUp } from '../../src/domain/patrols/sign-up';
import { makeResident, makeStaff } from '../helpers/builders';
import { useTestApp } from '../helpers/app';
import { makePatrolWorld, makeShift } from '../helpers/patrols';

const NOW = '2026-12-02T20:00:00+08:00';
const t = useTestApp({ TEST_CLOCK: NOW });
const at = (local: string) => new Date(`${local}+08:00`);
const TZ = 'Asia/Shanghai';

async function organiserClient(w: Awaited<ReturnType<typeof makePatrolWorld>>) {
  const c = t.client();
  expect((await c.signInStaff(w.organiser.username, w.organiser.password)).status).toBe(303);
  return c;
}

describe('organiser pages', () => {
  it('creates a team, approves a join request, sets up a recurring shift with a route; bad templates are refused by field', async () => {
    const w = await makePatrolWorld(t.deps.db, { members: 0, checkpoints: 3 });
    const org = await organiserClient(w);
    expect((await (await org.get('/staff')).text())).toContain('href="/organiser"');
    const created = await org.post('/organiser/teams', { name: '物业联巡队', earnsPoints: 'no' });
    expect(created.status).toBe(303);
    const teamUrl = created.headers.get('location')!.split('?')[0];
    const teamId = Number(teamUrl.split('/').pop());
    const resident = await makeResident(t.deps.db);
    await requestJoin(t.deps.db, { rawTeamId: String(teamId), userId: resident.id, now: new Date() });
    expect(await (await org.get(teamUrl)).text()).toContain(`data-request="${resident.id}"`);
    expect((await org.post(`${teamUrl}/members/${resident.id}/approve`, {})).status).toBe(303);
    const [m] = await t.deps.db.select().from(teamMembers).where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, resident.id)));
    expect(m.status).toBe('active');

    const [cp1, cp2, cp3] = w.checkpoints.map((c) => c.place.id);
    const form = { teamId: String(teamId), title: '物业联巡(夜间)', freq: 'daily', startTime: '22:00', endTime: '02:00', validFrom: '2026-12-01', capacity: '2', [`pos_${cp3}`]: '1', [`pos_${cp1}`]: '2', minCheckpoints: '2' };
    const bad = await org.post('/organiser/templates', form);
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('请勾选「次日结束」');
    const ok = await org.post('/organiser/templates', { ...form, crossesMidnight: 'on' });
    expect(ok.status).toBe(303);
    const [tpl] = await t.deps.db.select().from(shiftTemplates).where(eq(shiftTemplates.teamId, teamId));
    expect(tpl).toMatchObject({ startTime: '22:00', endTime: '02:00', crossesMidnight: true, minCheckpoints: 2 });
    const made = await t.deps.db.select().from(shifts).where(eq(shifts.templateId, tpl.id)).orderBy(shifts.startsAt);
    expect(made.length).toBeGreaterThanOrEqual(14);
    // The 1 Dec night ended at 02:00 on 2 Dec, before now (20:00): the first one still to come is tonight's.
    expect(made[0].startsAt.toISOString()).toBe('2026-12-02T14:00:00.000Z');
    expect(made[0].endsAt.toISOString()).toBe('2026-12-02T18:00:00.000Z');
    void cp2;
    const audits = await t.deps.db.select().from(auditLog).where(eq(auditLog.actorUserId, w.organiser.user.id));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['team.create', 'team.join.approve', 'shift_template.create']));
  });

  it('another community’s organiser sees none of it; residents cannot open organiser pages', async () => {
    const w = await makePatrolWorld(t.deps.db, { members: 1 });
    const { shift } = await makeShift(t.deps.db, w, { startsAt: at('2026-12-02T19:00:00'), endsAt: at('2026-12-02T22:00:00') });
    const stranger = await makePatrolWorld(t.deps.db, { members: 0 });
    const other = await organiserClient(stranger);
    expect((await other.get(`/organiser/teams/${w.team.id}`)).status).toBe(404);
    expect((await other.get(`/organiser/shifts/${shift.id}`)).status).toBe(404);
    expect(await (await other.get('/organiser')).text()).not.toContain(w.team.name);
    const worker = await makeStaff(t.deps.db, { communityId: w.community.id, role: 'grid_worker' });
    const wc = t.client();
    await wc.signInStaff(worker.username, worker.password);
    expect((await wc.get('/organiser')).status).toBe(403);
  });

  it('live board, flags accepted or voided, attendance, CSV with BOM and the heat map', async () => {
    const w = await makePatrolWorld(t.deps.db, { members: 3, checkpoints: 2, located: true });
    const { shift } = await makeShift(t.deps.db, w, { startsAt: at('2026-12-02T19:00:00'), endsAt: at('2026-12-02T22:00:00') });
    const [a, b, c] = w.members;
    for (const m of w.members) await signUp(t.deps.db, { rawShiftId: shift.id, userId: m.id, now: at('2026-12-02T10:00:00'), timeZone: TZ });
    // a: clean; b: no location at a located checkpoint (flagged); c: not yet out.
    await checkIn(t.deps.db, { rawCode: w.checkpoints[0].qr.code, userId: a.id, now: at('2026-12-02T19:02:00'), windowMinutes: 15, location: { lat: 30.66, lng: 104.01 }, deviceId: 'A' });
    await checkIn(t.deps.db, { rawCode: w.checkpoints[0].qr.code, userId: b.id, now: at('2026-12-02T19:03:00'), windowMinutes: 15, location: null, deviceId: 'B' });
    const org = await organiserClient(w);
    const board = await org.get('/organiser/live/board', { 'HX-Request': 'true', 'HX-Request-Type': 'partial' });
    const html = await board.text();
    expect(html.startsWith('<div id="live-board"')).toBe(true);
    expect(html).toContain('hx-trigger="every 10s"');
    expect(html).toContain('2 人在岗 / 共 3 人报名');
    expect(html).toContain('没有位置');
    expect(html).toContain('巡逻点1 19:02');

    await checkOut(t.deps.db, { rawShiftId: shift.id, userId: a.id, now: at('2026-12-02T21:00:00'), timeZone: TZ });
    await checkOut(t.deps.db, { rawShiftId: shift.id, userId: b.id, now: at('2026-12-02T21:00:00'), timeZone: TZ });
    const [sb] = await t.deps.db.select().from(shiftSignups).where(and(eq(shiftSignups.shiftId, shift.id), eq(shiftSignups.userId, b.id)));
    expect(sb.creditStatus).toBe('flagged');
    expect(await (await org.get('/organiser/flags')).text()).toContain(`data-flag="${sb.id}"`);
    expect((await org.post(`/organiser/flags/${sb.id}/void`, {})).status).toBe(303);
    expect((await org.post(`/organiser/flags/${sb.id}/accept`, {})).status).toBe(409);
    void c;

    const report = await (await org.get('/organiser/reports?month=2026-12')).text();
    expect(report).toContain('id="heat-table"');
    expect(report).toContain('href="/organiser/reports?month=2026-11"');
    expect(report).toContain('href="/organiser/reports?month=2027-01"');
    expect(report).toContain('<svg class="heat"');
    // a served 19:02–21:00 (1.97 h); b's voided time never counts.
    // Team: 3 signed up, 2 turned up, no no-show yet (the shift is not closed), 2 verified hours, a's 20 points.
    expect(report).toContain(`<td>${w.team.name}</td><td>3</td><td>2</td><td>0%</td><td>2</td><td>20</td>`);
    const csv = await org.get('/organiser/reports.csv?month=2026-12');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = bytes.toString('utf8');
    expect(body).toContain('月份,队伍,队员');
    const lines = body.trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines.find((l) => l.includes(a.phone!.slice(-4)))).toContain(',2.0,');
    expect(lines.find((l) => l.includes(b.phone!.slice(-4)))).toContain(',0.0,');
    expect((await org.get('/organiser/reports?month=2026-13')).status).toBe(422);
    const scans = await t.deps.db.select().from(checkIns).where(eq(checkIns.shiftId, shift.id));
    expect(scans).toHaveLength(2);
  });
});
