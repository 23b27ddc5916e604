// The service record: a fixture's verified hours on the certificate exactly (flagged and voided never count), its
// public check URL (genuine id answers, guessed ids 404); the private iCal feed parsed by node-ical in local times.
import { and, eq } from 'drizzle-orm';
import nodeIcal, { type VEvent } from 'node-ical';
import { describe, expect, it } from 'vitest';
import { shiftSignups, shifts, users } from '../../src/db/schema';
import { useTestApp } from '../helpers/app';
import { makePatrolWorld, makeShift } from '../helpers/patrols';

const t = useTestApp({ TEST_CLOCK: '2026-12-02T12:00:00+08:00' });
const at = (local: string) => new Date(`${local}+08:00`);

/** A member with five past sign-ups: two credited (90 + 120 min), one hours-only (60), one flagged (180), one voided (150). */
async function fixture() {
  const w = await makePatrolWorld(t.deps.db, { members: 1, checkpoints: 1 });
  const me = w.members[0];
  await t.deps.db.update(users).set({ displayName: '王小明' }).where(eq(users.id, me.id));
  const cases = [
    ['2026-10-05', 'credited', 90], ['2026-11-10', 'credited', 120], ['2026-11-12', 'hours_only', 60], ['2026-11-14', 'flagged', 180], ['2026-11-16', 'voided', 150],
  ] as const;
  for (const [day, status, minutes] of cases) {
    const { shift } = await makeShift(t.deps.db, w, { startsAt: at(`${day}T19:00:00`), endsAt: at(`${day}T22:00:00`) });
    await t.deps.db.insert(shiftSignups).values({ shiftId: shift.id, userId: me.id, status: 'confirmed', checkedInAt: at(`${day}T19:00:00`), creditStatus: status, creditMinutes: minutes });
  }
  return { w, me };
}

describe('service record and certificate', () => {
  it('shows exactly the verified hours, issues a certificate with a QR check link, and the check page masks the name', async () => {
    const { me } = await fixture();
    const client = t.client();
    await client.signInResident(me.phone!);
    const hours = await (await client.get('/me/hours?from=2026-01-01&to=2026-12-31')).text();
    expect(hours).toContain('data-minutes="270"'); // 90 + 120 + 60; flagged 180 and voided 150 never count
    expect(hours).toContain('4.5 小时');
    const issued = await client.post('/me/hours/certificate', { from: '2026-01-01', to: '2026-12-31' });
    expect(issued.status).toBe(303);
    const path = issued.headers.get('location')!;
    const id = path.split('/').pop()!;
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const cert = await (await client.get(path)).text();
    expect(cert).toContain('志愿服务记录证明');
    expect(cert).toContain('data-cert-minutes="270"');
    expect(cert).toContain('王小明');
    expect(cert).toContain(`/verify/cert/${id}`);
    expect(cert).toMatch(/<img src="data:image\/png;base64,/);

    const anyone = t.client();
    const check = await anyone.get(`/verify/cert/${id}`);
    expect(check.status).toBe(200);
    const html = await check.text();
    expect(html).toContain('王**');
    expect(html).not.toContain('王小明');
    expect(html).not.toContain(me.phone!);
    expect(html).toContain('4.5 小时');
    expect(html).toContain('2026-01-01 — 2026-12-31');
    for (const guess of ['AAAAAAAAAAAAAAAAAAAAAA', id.slice(0, -1) + (id.endsWith('A') ? 'B' : 'A'), '1', '../../etc/passwd']) {
      expect((await anyone.get(`/verify/cert/${encodeURIComponent(guess)}`)).status).toBe(404);
    }
    // Someone else's certificate reads as missing to another resident.
    const other = await makePatrolWorld(t.deps.db, { members: 1 });
    const stranger = t.client();
    await stranger.signInResident(other.members[0].phone!);
    expect((await stranger.get(path)).status).toBe(404);
    // Nothing verified in the period: a clear refusal, no certificate.
    const none = await client.post('/me/hours/certificate', { from: '2025-01-01', to: '2025-12-31' });
    expect(none.status).toBe(409);
    expect(await none.text()).toContain('没有已核实的服务时长');
  });
});

describe('private iCal feed', () => {
  it('parses with node-ical, holds the person’s shifts at the right local times, and a wrong or reset secret is a 404', async () => {
    const w = await makePatrolWorld(t.deps.db, { members: 1 });
    const me = w.members[0];
    const { shift: tonight } = await makeShift(t.deps.db, w, { startsAt: at('2026-12-02T19:00:00'), endsAt: at('2026-12-02T22:00:00') });
    const { shift: late } = await makeShift(t.deps.db, w, { startsAt: at('2026-12-04T22:00:00'), endsAt: at('2026-12-05T02:00:00') });
    const { shift: notMine } = await makeShift(t.deps.db, w, { startsAt: at('2026-12-03T19:00:00'), endsAt: at('2026-12-03T22:00:00') });
    const client = t.client();
    await client.signInResident(me.phone!);
    await client.post(`/shifts/${tonight.id}/sign-up`, {});
    await client.post(`/shifts/${late.id}/sign-up`, {});
    await t.deps.db.update(shifts).set({ status: 'cancelled', cancelNotice: '大雨' }).where(eq(shifts.id, late.id));

    const page = await (await client.post('/me/calendar/reset', {})).text();
    const url = /value="http:\/\/anlin\.test(\/cal\/[^"]+\.ics)"/.exec(page)![1];
    const feed = await t.client().get(url);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    const events = Object.values(nodeIcal.sync.parseICS(await feed.text())).filter((e): e is VEvent => e?.type === 'VEVENT');
    const local = (d: Date | undefined) => d && new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(d);
    const byUid = new Map(events.map((e) => [e.uid, e]));
    expect(events).toHaveLength(2);
    const a = byUid.get(`shift-${tonight.id}@anlin.test`)!;
    expect([local(a.start), local(a.end), a.summary]).toEqual(['2026-12-02 19:00', '2026-12-02 22:00', '夜跑联防']);
    const b = byUid.get(`shift-${late.id}@anlin.test`)!;
    expect([local(b.start), local(b.end), b.status]).toEqual(['2026-12-04 22:00', '2026-12-05 02:00', 'CANCELLED']);
    expect(byUid.has(`shift-${notMine.id}@anlin.test`)).toBe(false);

    const wrong = url.replace(/-([a-f0-9])/, (_m, ch) => `-${ch === 'a' ? 'b' : 'a'}`);
    expect((await t.client().get(wrong)).status).toBe(404);
    expect((await t.client().get('/cal/1-abc.ics')).status).toBe(404);
    await client.post('/me/calendar/reset', {});
    expect((await t.client().get(url)).status).toBe(404);
    const [s] = await t.deps.db.select().from(shiftSignups).where(and(eq(shiftSignups.shiftId, tonight.id), eq(shiftSignups.userId, me.id)));
    expect(s.status).toBe('confirmed');
  });
});
