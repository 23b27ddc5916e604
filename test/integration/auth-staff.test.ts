// Staff sign-in, lock-out, forced and voluntary password change, and an admin's password reset, through the routes.
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, sessions, users } from '../../src/db/schema';
import { LOGIN } from '../../src/domain/auth/deps';
import { ACCOUNT_SLOW, throttleKeys } from '../../src/domain/auth/throttle';
import { makeCommunity, makeGrid, makeStaff } from '../helpers/builders';
import { useTestApp, type TestClient } from '../helpers/app';

const cases = JSON.parse(readFileSync(new URL('../fixtures/bad-inputs/cases.json', import.meta.url), 'utf8')) as {
  ids: string[];
  text: { value: string; repeat?: number; why: string }[];
};

// TRUST_PROXY: each sign-in comes from its own address unless a test picks one, so per-IP counts stay per test.
const t = useTestApp({ TRUST_PROXY: '1' });
const SESSION = 'anlin_session';
const anyIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const text = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');

function login(client: TestClient, username: string, password: string, ip = anyIp()) {
  return client.post('/staff/login', { username, password, next: '/staff' }, { 'X-Forwarded-For': ip });
}

async function signedIn(username: string, password: string) {
  const client = t.client();
  const res = await login(client, username, password);
  expect(res.status).toBe(303);
  return client;
}

const changePassword = (client: TestClient, currentPassword: string, newPassword: string, confirmPassword = newPassword) =>
  client.post('/account/password', { currentPassword, newPassword, confirmPassword });

const sessionsOf = (userId: number) => t.deps.db.select().from(sessions).where(eq(sessions.userId, userId));
const userRow = async (id: number) => (await t.deps.db.select().from(users).where(eq(users.id, id)))[0];

let c1: { id: number };
let c2: { id: number };
let gridA: { id: number };

beforeAll(async () => {
  c1 = await makeCommunity(t.deps.db);
  c2 = await makeCommunity(t.deps.db);
  gridA = await makeGrid(t.deps.db, c1.id);
});

describe('staff sign-in', () => {
  it('signs in with username and password and lands on the workbench', async () => {
    const s = await makeStaff(t.deps.db, { communityId: c1.id, role: 'grid_worker', gridIds: [gridA.id] });
    const client = t.client();
    const res = await login(client, s.username, s.password);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff');
    expect(client.cookies.get(SESSION)).toMatch(/^[a-z2-7]{24}\.[a-z2-7]{24}$/);
    expect((await client.get('/staff')).status).toBe(200);
    expect((await userRow(s.user.id)).lastSignInAt).not.toBeNull();
    // The password is stored as an argon2id hash.
    expect((await userRow(s.user.id)).passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('ignores case and surrounding spaces in the username', async () => {
    const s = await makeStaff(t.deps.db, { communityId: c1.id, role: 'police' });
    expect((await login(t.client(), `  ${s.username.toUpperCase()} `, s.password)).status).toBe(303);
  });

  it('wrong password and unknown user get the same message; the username stays, the password does not', async () => {
    const s = await makeStaff(t.deps.db, { communityId: c1.id, role: 'police' });
    const pages: string[] = [];
    for (const [username, password] of [
      [s.username, 'wrong-password-1'],
      ['nobody.here', 'wrong-password-2'],
      [s.username, s.password.toUpperCase()],
    ]) {
      const client = t.client();
      const res = await login(client, username, password);
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(text(html)).toContain('用户名或密码不正确。');
      expect(html).toContain(`value="${username}"`);
      expect(html).not.toContain(password);
      expect(client.cookies.has(SESSION)).toBe(false);
      pages.push(text(html).replace(username, 'U'));
    }
    expect(new Set(pages).size).toBe(1);
  });

  it('empty fields get their own messages', async () => {
    const a = await login(t.client(), '', 'x');
    expect(a.status).toBe(422);
    expect(text(await a.text())).toContain('请输入用户名。');
    const b = await login(t.client(), 'someone', '');
    expect(b.status).toBe(422);
    expect(text(await b.text())).toContain('请输入密码。');
  });

  it('10 failures from one address lock that address out of the account: 429 with Retry-After, even with the right password', async () => {
    const s = await makeStaff(t.deps.db, { communityId: c1.id, role: 'police' });
    const ip = anyIp();
    for (let i = 0; i < LOGIN.lockAfterFailures; i++) expect((await login(t.client(), s.username, `wrong-${i}`, ip)).status).toBe(422);
    const client = t.client();
    const locked = await login(client, s.username, s.password, ip);
    expect(locked.status).toBe(429);
    const retry = Number(locked.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(LOGIN.lockWindowSec - 60);
    expect(retry).toBeLessThanOrEqual(LOGIN.lockWindowSec);
    expect(text(await locked.text())).toMatch(/登录失败次数太多,请 1[45] 分钟后再试。/);
    expect(client.cookies.has(SESSION)).toBe(false);
    // Other accounts from the same address are unaffected.
    const other = await makeStaff(t.deps.db, { communityId: c1.id, role: 'police' });
    expect((await login(t.client(), other.username, other.password, ip)).status).toBe(303);
  });

  it('someone failing on purpose from address A (12 wrong passwords) does not lock the real user out at address B; A stays refused', async () => {
    const s = await makeStaff(t.deps.db, { communityId: c1.id, role: 'grid_worker', gridIds: [gridA.id] });
    const [a, b] = [anyIp(), anyIp()];
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await login(t.client(), s.username, `guess-${i}`, a)).status);
    expect(statuses.slice(0, LOGIN.lockAfterFailures)).toEqual(Array(LOGIN.lockAfterFailures).fill(422));
    expect(statuses.slice(LOGIN.lockAfterFailures)).toEqual([429, 429]);

    const real = t.client();
    const res = await login(real, s.username, s.password, b);
    expect(res.status).toBe(303);
    expect(real.cookies.get(SESSION)).toBeTruthy();
    // The attacker's address stays locked, the right password included.
    expect((await login(t.client(), s.username, s.password, a)).status).toBe(429);
  });

  it('failures from many addresses slow the account down to one try per 30 s — a wait, not a lock-out', async () => {
    const s = await makeStaff(t.deps.db, { communityId: c1.id, role: 'police' });
    for (let i = 0; i < ACCOUNT_SLOW.afterFailures; i++) expect((await login(t.client(), s.username, `spread-${i}`)).status).toBe(422);
    // The next try (from anywhere) is checked; the one after it within 30 s is refused before any password is checked.
    expect((await login(t.client(), s.username, 'one-more-guess')).status).toBe(422);
    const real = t.client();
    const slowed = await login(real, s.username, s.password);
    expect(slowed.status).toBe(429);
    const retry = Number(slowed.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(ACCOUNT_SLOW.everySec);
    expect(text(await slowed.text())).toMatch(/这个账号最近有很多次失败的登录尝试,为保护账号,请 \d+ 秒后再试。/);
    // 30 s later (the turn's key expired) the right password gets in.
    await t.deps.limiter.reset(throttleKeys('login', s.username, 'unused').slow);
    expect((await login(real, s.username, s.password)).status).toBe(303);
  });

  it('parallel guesses from one address cannot get past the lock: at most 10 passwords are checked', async () => {
    const s = await makeStaff(t.deps.db, { communityId: c1.id, role: 'police' });
    const ip = anyIp();
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => login(t.client(), s.username, `parallel-${i}`, ip)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((st) => st === 422).length).toBeLessThanOrEqual(LOGIN.lockAfterFailures);
    expect(statuses.filter((st) => st !== 422).every((st) => st === 429)).toBe(true);
    expect((await login(t.client(), s.username, s.password, ip)).status).toBe(429);
  });

  it('a successful sign-in resets that address\'s failure count', async () => {
    const s = await makeStaff(t.deps.db, { communityId: c1.id, role: 'police' });
    const ip = anyIp();
    for (let i = 0; i < LOGIN.lockAfterFailures - 1; i++) await login(t.client(), s.username, 'nope-nope', ip);
    expect((await login(t.client(), s.username, s.password, ip)).status).toBe(303);
    for (let i = 0; i < LOGIN.lockAfterFailures - 1; i++) await login(t.client(), s.username, 'nope-nope', ip);
    expect((await login(t.client(), s.username, s.password, ip)).status).toBe(303);
  });

  it('locks an address after many failures across accounts', async () => {
    const ip = `203.0.113.${randomInt(1, 250)}`;
    for (let i = 0; i < LOGIN.failuresPerIp; i++) expect((await login(t.client(), `ghost.${i}`, 'wrong-password', ip)).status).toBe(422);
    const s = await makeStaff(t.deps.db, { communityId: c1.id, role: 'police' });
    const res = await login(t.client(), s.username, s.password, ip);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBeTruthy();
    expect((await login(t.client(), s.username, s.password)).status).toBe(303);
  });

  it('a disabled account cannot sign in (403, Chinese message) and its open session ends', async () => {
    const s = await makeStaff(t.deps.db, { communityId: c1.id, role: 'police' });
    const open = await signedIn(s.username, s.password);
    await t.deps.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, s.user.id));
    const client = t.client();
    const res = await login(client, s.username, s.password);
    expect(res.status).toBe(403);
    expect(text(await res.text())).toContain('该账号已停用,请联系社区管理员。');
    expect(client.cookies.has(SESSION)).toBe(false);
    const staffPage = await open.get('/staff');
    expect(staffPage.status).toBe(303);
    expect(staffPage.headers.get('location')).toMatch(/^\/staff\/login/);
  });

  it.each(cases.text.map((c) => [c.why, c.value.repeat(c.repeat ?? 1)] as const))('text case as username and password (%s): 4xx, never 500', async (_why, value) => {
    const res = await login(t.client(), value, value);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const html = await res.text();
    expect(html).toMatch(/[\u4e00-\u9fff]/);
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('" hx-get="/admin"');
  });
});

describe('password change', () => {
  it('a one-time password sends the user to /account/password until it is changed', async () => {
    const s = await makeStaff(t.deps.db, { communityId: c1.id, role: 'community_admin', mustChangePassword: true });
    const client = t.client();
    const res = await login(client, s.username, s.password);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/account/password');
    for (const path of ['/staff', '/admin', `/staff/grids/${gridA.id}`]) {
      const r = await client.get(path);
      expect(r.status, path).toBe(303);
      expect(r.headers.get('location'), path).toBe('/account/password');
    }
    const form = await client.get('/account/password');
    expect(form.status).toBe(200);
    expect(text(await form.text())).toContain('这是一次性密码,请先设置您自己的新密码。');

    const done = await changePassword(client, s.password, 'a-brand-new-pass');
    expect(done.status).toBe(200);
    expect(text(await done.text())).toContain('密码已修改,其他设备上的登录已退出。');
    expect((await userRow(s.user.id)).mustChangePassword).toBe(false);
    expect((await client.get('/staff')).status).toBe(200);
    expect((await client.get('/admin')).status).toBe(200);
  });

  it.each([
    ['wrong current password', (pw: string) => [pw + 'x', 'good-new-password', 'good-new-password'], 'currentPassword', '当前密码不正确。'],
    ['too short', (pw: string) => [pw, 'short7!', 'short7!'], 'newPassword', '新密码至少 8 位。'],
    ['too long', (pw: string) => [pw, 'x'.repeat(129), 'x'.repeat(129)], 'newPassword', '新密码最多 128 位。'],
    ['mismatch', (pw: string) => [pw, 'good-new-password', 'good-new-passw0rd'], 'confirmPassword', '两次输入的新密码不一致。'],
    ['same as username', (pw: string, username: string) => [pw, username.toUpperCase(), username.toUpperCase()], 'newPassword', '新密码不能与用户名相同。'],
    ['unchanged', (pw: string) => [pw, pw, pw], 'newPassword', '新密码不能与当前密码相同。'],
  ] as const)('%s: 422, message beside the field, nothing changed, no password echoed', async (_label, values, field, message) => {
    const s = await makeStaff(t.deps.db, { communityId: c1.id, role: 'police', username: `pw.${randomInt(1e9)}.long` });
    const client = await signedIn(s.username, s.password);
    const before = await userRow(s.user.id);
    const [current, next, confirm] = values(s.password, s.username);
    const res = await changePassword(client, current, next, confirm);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(`id="f-${field}-err"`);
    const err = new RegExp(`id="f-${field}-err"[^>]*>([^<]*)<`).exec(html);
    expect(err?.[1]).toBe(message);
    for (const v of new Set([current, next, confirm])) expect(html).not.toContain(`value="${v}"`);
    expect(html).not.toContain(s.password);
    const after = await userRow(s.user.id);
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(await t.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'password.change'), eq(auditLog.targetId, String(s.user.id))))).toHaveLength(0);
  });

  it('changing the password signs out the other sessions, keeps this one, and is audited', async () => {
    const s = await makeStaff(t.deps.db, { communityId: c1.id, role: 'police' });
    const here = await signedIn(s.username, s.password);
    const elsewhere = await signedIn(s.username, s.password);
    expect(await sessionsOf(s.user.id)).toHaveLength(2);
    const res = await changePassword(here, s.password, 'another-good-one');
    expect(res.status).toBe(200);
    expect(await sessionsOf(s.user.id)).toHaveLength(1);
    expect((await here.get('/staff')).status).toBe(200);
    const gone = await elsewhere.get('/staff');
    expect(gone.status).toBe(303);
    expect(gone.headers.get('location')).toMatch(/^\/staff\/login/);
    expect((await login(t.client(), s.username, s.password)).status).toBe(422);
    expect((await login(t.client(), s.username, 'another-good-one')).status).toBe(303);

    const [audit] = await t.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'password.change'), eq(auditLog.targetId, String(s.user.id))));
    expect(audit).toMatchObject({ actorUserId: s.user.id, targetType: 'user' });
    expect(JSON.stringify(audit)).not.toContain('another-good-one');
  });

  it('residents and visitors cannot reach the password form', async () => {
    const anon = await t.client().get('/account/password');
    expect(anon.status).toBe(303);
    expect(anon.headers.get('location')).toMatch(/^\/staff\/login/);
    const post = await t.client().post('/account/password', { currentPassword: 'a', newPassword: 'bbbbbbbb', confirmPassword: 'bbbbbbbb' });
    expect(post.status).toBe(303);
  });

  it('NUL in a password field is a 400', async () => {
    const s = await makeStaff(t.deps.db, { communityId: c1.id, role: 'police' });
    const client = await signedIn(s.username, s.password);
    const res = await changePassword(client, s.password, 'new\u0000password');
    expect(res.status).toBe(400);
    expect(text(await res.text())).toContain('内容含有无法识别的字符');
  });
});

describe('admin resets a staff password', () => {
  const resetPath = (id: number | string) => `/admin/staff/${id}/reset-password`;
  const oneTimeFrom = (html: string) => /一次性密码[:：]\s*([a-z0-9]+)/.exec(html)?.[1];

  it('an admin of the same community resets it: sessions end, one-time password must be changed, audited', async () => {
    const admin = await makeStaff(t.deps.db, { communityId: c1.id, role: 'community_admin' });
    const worker = await makeStaff(t.deps.db, { communityId: c1.id, role: 'grid_worker', gridIds: [gridA.id] });
    const workerSession = await signedIn(worker.username, worker.password);
    const adminClient = await signedIn(admin.username, admin.password);

    const confirm = await adminClient.get(resetPath(worker.user.id));
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain(worker.username);

    const res = await adminClient.post(resetPath(worker.user.id), {});
    expect(res.status).toBe(200);
    const oneTime = oneTimeFrom(text(await res.text()));
    expect(oneTime).toMatch(/^[a-z2-9]{10}$/);

    expect(await sessionsOf(worker.user.id)).toHaveLength(0);
    expect((await workerSession.get('/staff')).status).toBe(303);
    expect((await userRow(worker.user.id)).mustChangePassword).toBe(true);
    expect((await login(t.client(), worker.username, worker.password)).status).toBe(422);

    const [audit] = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'staff.reset_password'), eq(auditLog.targetId, String(worker.user.id))))
      .orderBy(desc(auditLog.id));
    expect(audit).toMatchObject({ actorUserId: admin.user.id, communityId: c1.id, targetType: 'user' });
    expect(JSON.stringify(audit)).not.toContain(oneTime!);

    // The worker signs in with it, is sent to change it, and does.
    const back = t.client();
    const first = await login(back, worker.username, oneTime!);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/account/password');
    expect((await changePassword(back, oneTime!, 'worker-own-password')).status).toBe(200);
    expect((await back.get('/staff')).status).toBe(200);
    const changes = await t.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'password.change'), eq(auditLog.targetId, String(worker.user.id))));
    expect(changes).toHaveLength(1);
  });

  it("another community's admin gets 404 and nothing changes", async () => {
    const outsider = await makeStaff(t.deps.db, { communityId: c2.id, role: 'community_admin' });
    const worker = await makeStaff(t.deps.db, { communityId: c1.id, role: 'grid_worker', gridIds: [gridA.id] });
    const workerSession = await signedIn(worker.username, worker.password);
    const before = await userRow(worker.user.id);
    const client = await signedIn(outsider.username, outsider.password);
    expect((await client.get(resetPath(worker.user.id))).status).toBe(404);
    const res = await client.post(resetPath(worker.user.id), {});
    expect(res.status).toBe(404);
    expect(text(await res.text())).toContain('找不到该页面');
    expect((await userRow(worker.user.id)).passwordHash).toBe(before.passwordHash);
    expect((await workerSession.get('/staff')).status).toBe(200);
    expect(await t.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'staff.reset_password'), eq(auditLog.targetId, String(worker.user.id))))).toHaveLength(0);
  });

  it('staff who are not admins get 403; residents and visitors are sent to sign in', async () => {
    const worker = await makeStaff(t.deps.db, { communityId: c1.id, role: 'grid_leader' });
    const target = await makeStaff(t.deps.db, { communityId: c1.id, role: 'police' });
    const client = await signedIn(worker.username, worker.password);
    const res = await client.post(resetPath(target.user.id), {});
    expect(res.status).toBe(403);
    expect(text(await res.text())).toContain('您没有权限执行此操作。');
    const anon = await t.client().post(resetPath(target.user.id), {});
    expect(anon.status).toBe(303);
    expect(anon.headers.get('location')).toMatch(/^\/staff\/login/);
    expect((await userRow(target.user.id)).mustChangePassword).toBe(false);
  });

  it('a reset from a foreign Origin is refused (CSRF) and changes nothing', async () => {
    const admin = await makeStaff(t.deps.db, { communityId: c1.id, role: 'community_admin' });
    const target = await makeStaff(t.deps.db, { communityId: c1.id, role: 'police' });
    const client = await signedIn(admin.username, admin.password);
    const res = await client.request(resetPath(target.user.id), {
      method: 'POST',
      body: '',
      headers: { Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(403);
    expect((await userRow(target.user.id)).mustChangePassword).toBe(false);
  });

  it.each(cases.ids)('id %j answers 404, not 500', async (id) => {
    const admin = await makeStaff(t.deps.db, { communityId: c1.id, role: 'community_admin' });
    const client = await signedIn(admin.username, admin.password);
    expect((await client.get(resetPath(encodeURIComponent(id)))).status).toBe(404);
    expect((await client.post(resetPath(encodeURIComponent(id)), {})).status).toBe(404);
  });
});
