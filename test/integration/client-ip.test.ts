// Behind TRUST_PROXY the client address is the X-Forwarded-For entry the trusted proxy appended: entries a client
// forges in front of it change neither the per-address limits nor the address written to the audit log.
import { randomInt } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, users } from '../../src/db/schema';
import { OTP } from '../../src/domain/auth/deps';
import { makeCommunity, makeStaff } from '../helpers/builders';
import { useTestApp } from '../helpers/app';

const t = useTestApp({ TRUST_PROXY: '1' });
const twoHops = useTestApp({ TRUST_PROXY: '1', TRUSTED_PROXY_HOPS: '2' });

const freshPhone = () => '16' + String(randomInt(0, 1e9)).padStart(9, '0');
const forged = () => `${randomInt(1, 224)}.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

describe('X-Forwarded-For behind one trusted proxy', () => {
  it(`35 code requests from one client with forged leftmost entries: ${OTP.codesPerIpPerHour} pass, the rest are refused`, async () => {
    const client = `203.0.113.${randomInt(1, 250)}`; // what the proxy appends: the socket address it saw
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) {
      const res = await t.client().post('/login/code', { phone: freshPhone(), next: '/' }, { 'X-Forwarded-For': `${forged()}, ${forged()}, ${client}` });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, OTP.codesPerIpPerHour)).toEqual(Array(OTP.codesPerIpPerHour).fill(200));
    expect(statuses.slice(OTP.codesPerIpPerHour)).toEqual(Array(35 - OTP.codesPerIpPerHour).fill(429));
  });

  it('the audit log records the address the proxy saw, not a forged one', async () => {
    const community = await makeCommunity(t.deps.db);
    const admin = await makeStaff(t.deps.db, { communityId: community.id, role: 'community_admin' });
    const other = await makeStaff(t.deps.db, { communityId: community.id, role: 'grid_worker' });
    const client = t.client();
    const real = `198.51.100.${randomInt(1, 250)}`;
    const xff = { 'X-Forwarded-For': `6.6.6.6, ${real}` };
    expect((await client.post('/staff/login', { username: admin.username, password: admin.password, next: '/staff' }, xff)).status).toBe(303);
    const res = await client.post(`/admin/staff/${other.user.id}/reset-password`, {}, xff);
    expect(res.status).toBeLessThan(400);
    const [row] = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, admin.user.id), eq(auditLog.targetId, String(other.user.id))))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(row?.ip).toBe(real);
    expect((await t.deps.db.select().from(users).where(eq(users.id, other.user.id)))[0].mustChangePassword).toBe(true);
  });
});

describe('TRUSTED_PROXY_HOPS=2', () => {
  it('takes the second entry from the right: forged entries and the inner proxy are both skipped', async () => {
    const client = `192.0.2.${randomInt(1, 250)}`;
    const statuses: number[] = [];
    for (let i = 0; i < OTP.codesPerIpPerHour + 2; i++) {
      const res = await twoHops.client().post('/login/code', { phone: freshPhone(), next: '/' }, { 'X-Forwarded-For': `${forged()}, ${client}, 10.0.0.${randomInt(1, 250)}` });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(OTP.codesPerIpPerHour);
    expect(statuses.slice(-2)).toEqual([429, 429]);
  });
});
