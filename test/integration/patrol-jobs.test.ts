// Patrol jobs on PostgreSQL: shifts generated ahead (re-runs add nothing), reminders sent once each, closing a shift
// (no-shows, a forgotten check-out credited up to the last scan), no-shows pausing sign-up, a cancelled occurrence.
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { notifications, pointTransfers, shiftSignups, shiftTemplates, shifts } from '../../src/db/schema';
import { cancelShift } from '../../src/domain/patrols/cancel-shift';
import { checkIn } from '../../src/domain/patrols/check-in';
import { closeShifts } from '../../src/domain/patrols/close-shifts';
import { generateShifts } from '../../src/domain/patrols/generate-shifts';
import { remindShifts } from '../../src/domain/patrols/remind-shifts';
import { signUp } from '../../src/domain/patrols/sign-up';
import { toRrule } from '../../src/domain/patrols/recurrence';
import { loadStaffScope } from '../../src/domain/auth/staff-scope';
import { buildRegistry } from '../../src/jobs/registry';
import { useTestDatabase } from '../helpers/db';
import { makePatrolWorld, makeShift } from '../helpers/patrols';

const t = useTestDatabase();
const TZ = 'Asia/Shanghai';
const at = (local: string) => new Date(`${local}+08:00`);
const kinds = async (userId: number, kind: string) =>
  (await t.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)))).length;

describe('patrol jobs', () => {
  it('every patrol job has a handler and a schedule', () => {
    const reg = buildRegistry();
    for (const name of ['patrol.generate-shifts', 'patrol.remind', 'patrol.close-shifts']) expect(reg.get(name)?.every).toBeGreaterThan(0);
  });

  it('generates a nightly and a midnight-crossing template 14 days ahead, in local time, once', async () => {
    const w = await makePatrolWorld(t.db, { members: 0 });
    const base = { communityId: w.community.id, teamId: w.team.id, rrule: toRrule({ freq: 'daily' }), validFrom: '2026-11-01', capacity: 6, createdBy: w.organiser.user.id };
    const [nightly] = await t.db.insert(shiftTemplates).values({ ...base, title: '夜跑', startTime: '19:00', endTime: '22:00' }).returning();
    const [late] = await t.db.insert(shiftTemplates).values({ ...base, title: '夜间联巡', startTime: '22:00', endTime: '02:00', crossesMidnight: true }).returning();
    const now = at('2026-11-28T12:00:00');
    const first = await generateShifts(t.db, { now, aheadDays: 14, timeZone: TZ });
    const again = await generateShifts(t.db, { now, aheadDays: 14, timeZone: TZ });
    expect(again.created).toBe(0);
    const rows = await t.db.select().from(shifts).where(eq(shifts.communityId, w.community.id)).orderBy(shifts.startsAt);
    const n = rows.filter((r) => r.templateId === nightly.id);
    const l = rows.filter((r) => r.templateId === late.id);
    expect(first.created).toBe(rows.length);
    // 28 Nov 19:00 through 12 Dec 19:00 (< now + 14 d): across the November month end.
    expect(n).toHaveLength(14);
    expect(n[0].startsAt.toISOString()).toBe('2026-11-28T11:00:00.000Z');
    expect(n.some((r) => r.startsAt.toISOString() === '2026-11-30T11:00:00.000Z')).toBe(true);
    expect(n.some((r) => r.startsAt.toISOString() === '2026-12-01T11:00:00.000Z')).toBe(true);
    expect(l[0].endsAt.getTime() - l[0].startsAt.getTime()).toBe(4 * 3_600_000);
    expect(l[0].startsAt.toISOString()).toBe('2026-11-28T14:00:00.000Z');
  });

  it('reminds the day before and an hour before, each once', async () => {
    const w = await makePatrolWorld(t.db, { members: 1 });
    const { shift } = await makeShift(t.db, w, { startsAt: at('2026-12-03T19:00:00'), endsAt: at('2026-12-03T22:00:00') });
    const me = w.members[0];
    await signUp(t.db, { rawShiftId: shift.id, userId: me.id, now: at('2026-12-01T10:00:00'), timeZone: TZ });
    await remindShifts(t.db, { now: at('2026-12-01T19:00:00'), timeZone: TZ }); // two days before: nothing
    expect(await kinds(me.id, 'patrol.reminder')).toBe(0);
    await remindShifts(t.db, { now: at('2026-12-02T20:00:00'), timeZone: TZ });
    await remindShifts(t.db, { now: at('2026-12-02T20:10:00'), timeZone: TZ });
    expect(await kinds(me.id, 'patrol.reminder')).toBe(1);
    await remindShifts(t.db, { now: at('2026-12-03T18:05:00'), timeZone: TZ });
    await remindShifts(t.db, { now: at('2026-12-03T18:15:00'), timeZone: TZ });
    expect(await kinds(me.id, 'patrol.reminder')).toBe(2);
  });

  it('closing: no-shows marked, a forgotten check-out credited up to the last scan; three no-shows pause sign-up', async () => {
    const w = await makePatrolWorld(t.db, { members: 2 });
    const [present, absent] = w.members;
    for (const day of ['2026-11-20', '2026-11-21', '2026-11-22']) {
      const { shift } = await makeShift(t.db, w, { startsAt: at(`${day}T19:00:00`), endsAt: at(`${day}T22:00:00`) });
      for (const m of w.members) await signUp(t.db, { rawShiftId: shift.id, userId: m.id, now: at(`${day}T10:00:00`), timeZone: TZ });
      await checkIn(t.db, { rawCode: w.checkpoints[0].qr.code, userId: present.id, now: at(`${day}T19:00:00`), windowMinutes: 15, location: null, deviceId: null });
      await checkIn(t.db, { rawCode: w.checkpoints[1].qr.code, userId: present.id, now: at(`${day}T20:30:00`), windowMinutes: 15, location: null, deviceId: null });
    }
    const r = await closeShifts(t.db, { now: at('2026-11-23T08:00:00'), windowMinutes: 15, timeZone: TZ });
    expect(r).toMatchObject({ noShows: 6 - 3, credited: 3 });
    expect((await closeShifts(t.db, { now: at('2026-11-23T08:00:00'), windowMinutes: 15, timeZone: TZ })).closed).toBe(0);
    const mine = await t.db.select().from(shiftSignups).where(eq(shiftSignups.userId, present.id));
    expect(mine.map((s) => [s.creditStatus, s.creditMinutes, s.creditPoints])).toEqual(Array(3).fill(['credited', 90, 15]));
    const [{ n }] = await t.db.select({ n: sql<number>`count(*)::int` }).from(pointTransfers).where(sql`${pointTransfers.idempotencyKey} like ${`award:patrol:%:${present.id}`}`);
    expect(n).toBe(3);

    const { shift: next } = await makeShift(t.db, w, { startsAt: at('2026-11-25T19:00:00'), endsAt: at('2026-11-25T22:00:00') });
    await expect(signUp(t.db, { rawShiftId: next.id, userId: absent.id, now: at('2026-11-24T10:00:00'), timeZone: TZ })).rejects.toMatchObject({
      status: 403, msg: { key: 'patrol.err.blocked', params: { n: 3 } },
    });
    expect((await signUp(t.db, { rawShiftId: next.id, userId: present.id, now: at('2026-11-24T10:00:00'), timeZone: TZ })).status).toBe('confirmed');
  });

  it('cancelling one occurrence tells everyone signed up, audits, and refuses further sign-ups', async () => {
    const w = await makePatrolWorld(t.db, { members: 2 });
    const { shift } = await makeShift(t.db, w, { startsAt: at('2026-12-05T19:00:00'), endsAt: at('2026-12-05T22:00:00'), capacity: 1 });
    await signUp(t.db, { rawShiftId: shift.id, userId: w.members[0].id, now: at('2026-12-04T10:00:00'), timeZone: TZ });
    await signUp(t.db, { rawShiftId: shift.id, userId: w.members[1].id, now: at('2026-12-04T10:00:00'), timeZone: TZ });
    const scope = await loadStaffScope(t.db, w.organiser.user.id);
    await expect(cancelShift(t.db, scope, { rawShiftId: String(shift.id), notice: '', actorUserId: w.organiser.user.id, timeZone: TZ })).rejects.toMatchObject({ status: 422 });
    expect(await cancelShift(t.db, scope, { rawShiftId: String(shift.id), notice: '今晚大雨,暂停一次', actorUserId: w.organiser.user.id, timeZone: TZ })).toEqual({ told: 2 });
    for (const m of w.members) expect(await kinds(m.id, 'patrol.cancelled')).toBe(1);
    const late = (await makePatrolWorld(t.db, { members: 1 })).members[0];
    await t.db.execute(sql`insert into team_members (team_id, user_id, status) values (${w.team.id}, ${late.id}, 'active')`);
    await expect(signUp(t.db, { rawShiftId: shift.id, userId: late.id, now: at('2026-12-04T11:00:00'), timeZone: TZ })).rejects.toMatchObject({ msg: { key: 'patrol.err.cancelled' } });
    await expect(cancelShift(t.db, scope, { rawShiftId: String(shift.id), notice: '再取消', actorUserId: w.organiser.user.id, timeZone: TZ })).rejects.toMatchObject({ status: 409 });
    // Another community's organiser reads it as missing.
    const stranger = await makePatrolWorld(t.db, { members: 0 });
    const other = await loadStaffScope(t.db, stranger.organiser.user.id);
    await expect(cancelShift(t.db, other, { rawShiftId: String(shift.id), notice: '试试', actorUserId: stranger.organiser.user.id, timeZone: TZ })).rejects.toMatchObject({ status: 404 });
  });
});
