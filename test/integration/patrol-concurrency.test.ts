// Places and credit under real concurrency on PostgreSQL (a 20-connection pool, every call its own transaction):
// 100 residents for 40 places, a cancellation promoting exactly one, 20 check-outs crediting once.
import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { notifications, pointTransfers, shiftSignups, shifts, staffRoles } from '../../src/db/schema';
import { makeStaff } from '../helpers/builders';
import { AppError } from '../../src/domain/errors';
import { cancelSignUp } from '../../src/domain/patrols/cancel-sign-up';
import { checkIn } from '../../src/domain/patrols/check-in';
import { checkOut } from '../../src/domain/patrols/check-out';
import { signUp, type SignUpResult } from '../../src/domain/patrols/sign-up';
import { useTestDatabase } from '../helpers/db';
import { makePatrolWorld, makeShift } from '../helpers/patrols';
import { ledgerInvariants } from '../helpers/points';

const t = useTestDatabase({ max: 20 });
const TZ = 'Asia/Shanghai';
const at = (local: string) => new Date(`${local}+08:00`);

function onlyRefusals(results: PromiseSettledResult<unknown>[]) {
  const unexpected = results.filter((r) => r.status === 'rejected' && !(r.reason instanceof AppError)) as PromiseRejectedResult[];
  expect(unexpected.map((r) => String(r.reason?.stack ?? r.reason)).slice(0, 3)).toEqual([]);
}

describe('patrol sign-up and credit under concurrency', () => {
  it('100 residents sign up for 40 places at once → 40 confirmed, 60 waitlisted in arrival order; one cancellation promotes exactly one', async () => {
    const w = await makePatrolWorld(t.db, { members: 100 });
    const { shift } = await makeShift(t.db, w, { startsAt: at('2026-12-02T19:00:00'), endsAt: at('2026-12-02T22:00:00'), capacity: 40 });
    const now = at('2026-12-02T10:00:00');
    const results = await Promise.allSettled(w.members.map((m) => signUp(t.db, { rawShiftId: shift.id, userId: m.id, now, timeZone: TZ })));
    onlyRefusals(results);
    const values = results.map((r) => (r as PromiseFulfilledResult<SignUpResult>).value);
    expect(values.filter((v) => v.status === 'confirmed')).toHaveLength(40);
    expect(values.filter((v) => v.status === 'waitlisted')).toHaveLength(60);

    const rows = await t.db.select().from(shiftSignups).where(eq(shiftSignups.shiftId, shift.id)).orderBy(asc(shiftSignups.arrival));
    // Arrival order is the order places went: the first 40 arrivals hold them, the next 60 wait in that order.
    expect(rows.map((r) => r.status)).toEqual([...Array(40).fill('confirmed'), ...Array(60).fill('waitlisted')]);
    const byId = new Map(values.map((v) => [v.signupId, v]));
    expect(rows.slice(40).map((r) => byId.get(r.id)!.position)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    const [s] = await t.db.select().from(shifts).where(eq(shifts.id, shift.id));
    expect(s.confirmedCount).toBe(40);

    // Signing up twice is refused, and changes nothing.
    await expect(signUp(t.db, { rawShiftId: shift.id, userId: rows[0].userId, now, timeZone: TZ })).rejects.toMatchObject({ msg: { key: 'patrol.err.alreadySignedUp' } });

    // Five confirmed people cancel at once: exactly five promoted, the five earliest waiting, each told once.
    const leaving = rows.slice(0, 5);
    const cancelled = await Promise.allSettled(leaving.map((r) => cancelSignUp(t.db, { rawShiftId: shift.id, userId: r.userId, now, timeZone: TZ })));
    onlyRefusals(cancelled);
    const promoted = cancelled.map((r) => (r as PromiseFulfilledResult<{ promotedUserId: number | null }>).value.promotedUserId);
    expect(new Set(promoted)).toEqual(new Set(rows.slice(40, 45).map((r) => r.userId)));
    const after = await t.db.select().from(shiftSignups).where(eq(shiftSignups.shiftId, shift.id)).orderBy(asc(shiftSignups.arrival));
    expect(after.filter((r) => r.status === 'confirmed')).toHaveLength(40);
    expect(after.filter((r) => r.status === 'waitlisted')).toHaveLength(55);
    const [s2] = await t.db.select().from(shifts).where(eq(shifts.id, shift.id));
    expect(s2.confirmedCount).toBe(40);
    for (const uid of promoted) {
      const told = await t.db.select().from(notifications).where(and(eq(notifications.userId, uid!), eq(notifications.kind, 'patrol.promoted')));
      expect(told).toHaveLength(1);
    }
    // A waitlisted person who cancels frees no place: nobody is promoted.
    const waiting = after.find((r) => r.status === 'waitlisted')!;
    expect(await cancelSignUp(t.db, { rawShiftId: shift.id, userId: waiting.userId, now, timeZone: TZ })).toEqual({ promotedUserId: null });
  });

  it('20 concurrent check-outs of one sign-up credit it once, with the hours explained on the entry', async () => {
    const w = await makePatrolWorld(t.db, { members: 1 });
    const { shift } = await makeShift(t.db, w, { startsAt: at('2026-12-02T19:00:00'), endsAt: at('2026-12-02T22:00:00') });
    const me = w.members[0];
    await signUp(t.db, { rawShiftId: shift.id, userId: me.id, now: at('2026-12-02T12:00:00'), timeZone: TZ });
    await checkIn(t.db, { rawCode: w.checkpoints[0].qr.code, userId: me.id, now: at('2026-12-02T19:05:00'), windowMinutes: 15, location: null, deviceId: 'd1' });
    await checkIn(t.db, { rawCode: w.checkpoints[1].qr.code, userId: me.id, now: at('2026-12-02T20:10:00'), windowMinutes: 15, location: null, deviceId: 'd1' });
    const outs = await Promise.allSettled(
      Array.from({ length: 20 }, () => checkOut(t.db, { rawShiftId: shift.id, userId: me.id, now: at('2026-12-02T21:05:00'), timeZone: TZ })),
    );
    onlyRefusals(outs);
    const vals = outs.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof checkOut>>>).value);
    expect(vals.filter((v) => !v.replayed)).toHaveLength(1);
    // 19:05–21:00 day time (115 min) + 5 night minutes × 1.5 = 2.042 h → 20 points.
    expect(vals.every((v) => v.status === 'credited' && v.points === 20 && v.minutes === 120)).toBe(true);
    const awards = await t.db.select().from(pointTransfers).where(eq(pointTransfers.idempotencyKey, `award:patrol:${shift.id}:${me.id}`));
    expect(awards).toHaveLength(1);
    expect(awards[0].amount).toBe(20);
    expect((awards[0].reason as { note: string; rule: string }).rule).toBe('patrol');
    expect((awards[0].reason as { note: string }).note).toContain('19:05–21:05');
    await ledgerInvariants(t.db, w.community.id);
  });

  it('the organiser who set the shift up has left: credit carries another organiser of the community', async () => {
    const w = await makePatrolWorld(t.db, { members: 1 });
    const { shift } = await makeShift(t.db, w, { startsAt: at('2026-12-02T19:00:00'), endsAt: at('2026-12-02T22:00:00') });
    const other = await makeStaff(t.db, { communityId: w.community.id, role: 'organiser' });
    await t.db.delete(staffRoles).where(eq(staffRoles.userId, w.organiser.user.id));
    const me = w.members[0];
    await signUp(t.db, { rawShiftId: shift.id, userId: me.id, now: at('2026-12-02T12:00:00'), timeZone: TZ });
    await checkIn(t.db, { rawCode: w.checkpoints[0].qr.code, userId: me.id, now: at('2026-12-02T19:00:00'), windowMinutes: 15, location: null, deviceId: null });
    expect((await checkOut(t.db, { rawShiftId: shift.id, userId: me.id, now: at('2026-12-02T20:00:00'), timeZone: TZ })).points).toBe(10);
    const [award] = await t.db.select().from(pointTransfers).where(eq(pointTransfers.idempotencyKey, `award:patrol:${shift.id}:${me.id}`));
    expect((award.reason as { approverUserId: number }).approverUserId).toBe(other.user.id);
  });
});
