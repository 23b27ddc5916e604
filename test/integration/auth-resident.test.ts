// Resident sign-in end to end through the routes: codes, tries, resend wait, lock-out, bad input, sign-out, bad cookies.
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { count, eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { otpCodes, sessions, users } from '../../src/db/schema';
import { OTP } from '../../src/domain/auth/deps';
import { throttleKeys } from '../../src/domain/auth/throttle';
import { hashSecret, randomToken } from '../../src/domain/auth/tokens';
import { consoleSms, smsFromConfig } from '../../src/infra/sms';
import { buildApp } from '../../src/server';
import { demoCodeFrom, useTestApp, type TestClient } from '../helpers/app';

const cases = JSON.parse(readFileSync(new URL('../fixtures/bad-inputs/cases.json', import.meta.url), 'utf8')) as {
  phone: string[];
  text: { value: string; repeat?: number; why: string }[];
};

// TRUST_PROXY lets the per-IP tests pick their own address; requests without X-Forwarded-For share one ("local").
const t = useTestApp({ TRUST_PROXY: '1' });
const noDemo = useTestApp({ DEMO_MODE: '0' });

const SESSION = 'anlin_session';
const CHINESE = /[\u4e00-\u9fff]/;
const freshPhone = () => '17' + String(randomInt(0, 1e9)).padStart(9, '0');
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

/** Each request from its own address unless a test sets one, so the per-IP allowance only bites where it is tested. */
const anyIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

async function requestCode(client: TestClient, phone: string, headers: Record<string, string> = {}) {
  const res = await client.post('/login/code', { phone, next: '/' }, { 'X-Forwarded-For': anyIp(), ...headers });
  const html = await res.text();
  return { res, html, code: res.status === 200 ? demoCodeFrom(html) : undefined };
}

const verify = (client: TestClient, phone: string, code: string, next = '/') => client.post('/login/verify', { phone, code, next });

async function signIn(client: TestClient, phone: string) {
  const { res, code } = await requestCode(client, phone);
  expect(res.status).toBe(200);
  expect((await verify(client, phone, code!)).status).toBe(303);
}

/** Moves this phone's codes into the past, as if `seconds` had gone by. */
async function age(phone: string, seconds: number) {
  await t.deps.db.execute(
    sql`update otp_codes set created_at = created_at - make_interval(secs => ${seconds}), expires_at = expires_at - make_interval(secs => ${seconds}) where phone = ${phone}`,
  );
}

const otpRows = (phone: string) => t.deps.db.select().from(otpCodes).where(eq(otpCodes.phone, phone));
const tableCount = async (table: typeof otpCodes | typeof users | typeof sessions) => Number((await t.deps.db.select({ n: count() }).from(table))[0].n);

/** The Set-Cookie lines for the session cookie in a response. */
const sessionCookies = (res: Response) => res.headers.getSetCookie().filter((l) => l.startsWith(`${SESSION}=`));
const clearsSession = (res: Response) => sessionCookies(res).some((l) => /^anlin_session=;/.test(l) && /max-age=0/i.test(l));

/** Text content of the page with tags removed, for matching messages. */
const text = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/&#39;|&quot;|&amp;|&lt;|&gt;/g, ' ').replace(/\s+/g, ' ');

describe('one-time code sign-in', () => {
  it('sends a code, signs in with it and registers the resident; only the hash is stored', async () => {
    const client = t.client();
    const phone = freshPhone();
    const { res, html, code } = await requestCode(client, `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`);
    expect(res.status).toBe(200);
    expect(html).toContain(`${phone.slice(0, 3)}****${phone.slice(7)}`);
    const [row] = await otpRows(phone);
    expect(row.attempts).toBe(0);
    expect(Buffer.from(row.codeHash).equals(Buffer.from(hashSecret(code!)))).toBe(true);
    expect(Buffer.from(row.codeHash).toString('utf8')).not.toContain(code);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(OTP.ttlMs);

    const done = await verify(client, phone, code!, '/account');
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/account');
    expect(client.cookies.get(SESSION)).toMatch(/^[a-z2-7]{24}\.[a-z2-7]{24}$/);
    const [user] = await t.deps.db.select().from(users).where(eq(users.phone, phone));
    expect(user.kind).toBe('resident');
    const account = await client.get('/account');
    expect(account.status).toBe(200);
    expect(await account.text()).toContain(`${phone.slice(0, 3)}****${phone.slice(7)}`);
    expect((await otpRows(phone))[0].consumedAt).not.toBeNull();
  });

  it('a second sign-in finds the same resident; the session stores only a hash of the secret', async () => {
    const phone = freshPhone();
    const a = t.client();
    await signIn(a, phone);
    await age(phone, 61);
    const b = t.client();
    await signIn(b, phone);
    const rows = await t.deps.db.select().from(users).where(eq(users.phone, phone));
    expect(rows).toHaveLength(1);
    const [id, secret] = b.cookies.get(SESSION)!.split('.');
    const [s] = await t.deps.db.select().from(sessions).where(eq(sessions.id, id));
    expect(s.userId).toBe(rows[0].id);
    expect(Buffer.from(s.secretHash).equals(Buffer.from(hashSecret(secret)))).toBe(true);
  });

  it('follows only same-site next targets', async () => {
    for (const [next, expected] of [
      ['/account', '/account'],
      ['https://evil.example/', '/'],
      ['//evil.example/', '/'],
      ['/\\evil.example', '/'],
      ['javascript:alert(1)', '/'],
    ]) {
      const client = t.client();
      const phone = freshPhone();
      const { code } = await requestCode(client, phone);
      const res = await verify(client, phone, code!, next);
      expect(res.status, next).toBe(303);
      expect(res.headers.get('location'), next).toBe(expected);
    }
  });

  it('htmx verify gets HX-Redirect instead of a 303', async () => {
    const client = t.client();
    const phone = freshPhone();
    const { code } = await requestCode(client, phone);
    const res = await client.post('/login/verify', { phone, code: code!, next: '/' }, { 'HX-Request': 'true', 'HX-Request-Type': 'partial' });
    expect(res.status).toBe(204);
    expect(res.headers.get('hx-redirect')).toBe('/');
    expect(client.cookies.get(SESSION)).toBeTruthy();
  });

  it('wrong codes count down, the fifth exhausts the code, and then even the right code is refused', async () => {
    const client = t.client();
    const phone = freshPhone();
    const { code } = await requestCode(client, phone);
    for (let left = 4; left >= 1; left--) {
      const res = await verify(client, phone, wrongCode(code!));
      expect(res.status).toBe(422);
      expect(text(await res.text())).toContain(`验证码不正确,还可以再试 ${left} 次。`);
    }
    const fifth = await verify(client, phone, wrongCode(code!));
    expect(fifth.status).toBe(422);
    expect(text(await fifth.text())).toContain('验证码错误次数过多,请重新获取验证码。');
    const right = await verify(client, phone, code!);
    expect(right.status).toBe(422);
    expect(text(await right.text())).toContain('验证码错误次数过多');
    expect(client.cookies.has(SESSION)).toBe(false);
    expect((await otpRows(phone))[0]).toMatchObject({ attempts: OTP.maxTriesPerCode, consumedAt: null });
  });

  it('keeps the wrong code in the field, escaped, with the error beside it', async () => {
    const client = t.client();
    const phone = freshPhone();
    const { code } = await requestCode(client, phone);
    const res = await verify(client, phone, wrongCode(code!));
    const html = await res.text();
    expect(html).toContain(`value="${wrongCode(code!)}"`);
    expect(html).toMatch(/aria-invalid="true"/);
    expect(html).toContain('id="f-code-err"');
  });

  it('a resend within 60 s gets 429, Retry-After and a Chinese message, and still shows the code form', async () => {
    const client = t.client();
    const phone = freshPhone();
    const first = await requestCode(client, phone);
    expect(first.res.status).toBe(200);
    const again = await requestCode(client, phone);
    expect(again.res.status).toBe(429);
    const wait = Number(again.res.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(OTP.resendAfterSec);
    expect(text(again.html)).toMatch(/验证码已发送,请 \d+ 秒后再重新获取。/);
    expect(again.html).toContain('action="/login/verify"');
    expect(again.html).not.toContain('data-demo-code');
    expect(await otpRows(phone)).toHaveLength(1);

    // The first code still works while the resend waits.
    await age(phone, 30);
    const still = await requestCode(client, phone);
    expect(still.res.status).toBe(429);
    expect(Number(still.res.headers.get('retry-after'))).toBeLessThanOrEqual(30);

    await age(phone, 31);
    const later = await requestCode(client, phone);
    expect(later.res.status).toBe(200);
    expect(await otpRows(phone)).toHaveLength(2);
    // Only the newest code counts.
    const old = await verify(client, phone, first.code!);
    expect(old.status).toBe(422);
    expect((await verify(client, phone, later.code!)).status).toBe(303);
  });

  it('10 wrong codes from one address lock that address out of the phone (429 + Retry-After), even with a fresh code', async () => {
    const client = t.client();
    const phone = freshPhone();
    const ip = anyIp();
    const from = { 'X-Forwarded-For': ip };
    const verifyFrom = (c: TestClient, code: string, headers = from) => c.post('/login/verify', { phone, code, next: '/' }, headers);
    const first = await requestCode(client, phone, from);
    for (let i = 0; i < OTP.maxTriesPerCode; i++) expect((await verifyFrom(client, wrongCode(first.code!))).status).toBe(422);
    await age(phone, 61);
    const second = await requestCode(client, phone, from);
    expect(second.res.status).toBe(200);
    for (let i = 0; i < OTP.lockAfterFailures - OTP.maxTriesPerCode - 1; i++) {
      expect((await verifyFrom(client, wrongCode(second.code!))).status).toBe(422);
    }
    const tenth = await verifyFrom(client, wrongCode(second.code!));
    expect(tenth.status).toBe(429);
    const retry = Number(tenth.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(OTP.lockWindowSec - 60);
    expect(retry).toBeLessThanOrEqual(OTP.lockWindowSec);
    expect(text(await tenth.text())).toMatch(/验证码错误次数太多,为保护您的账户,请 1[45] 分钟后再试。/);

    // No new code is sent to that address while locked...
    await age(phone, 61);
    const third = await requestCode(client, phone, from);
    expect(third.res.status).toBe(429);
    expect(Number(third.res.headers.get('retry-after'))).toBeGreaterThan(60);
    expect(text(third.html)).toContain('验证码错误次数太多');
    expect(await otpRows(phone)).toHaveLength(2);

    // ...and a fresh, correct code is refused there too.
    await t.deps.db.insert(otpCodes).values({ phone, codeHash: hashSecret('246810'), expiresAt: new Date(Date.now() + OTP.ttlMs) });
    const locked = await verifyFrom(client, '246810');
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBeTruthy();
    expect(client.cookies.has(SESSION)).toBe(false);

    // When the window has passed the same code works.
    await t.deps.limiter.reset(throttleKeys('otp', phone, ip).pair);
    expect((await verifyFrom(client, '246810')).status).toBe(303);
  });

  it('someone failing on purpose from address A does not lock the resident out on their own phone (address B); A stays refused', async () => {
    const phone = freshPhone();
    const attacker = t.client();
    const a = { 'X-Forwarded-For': anyIp() };
    const b = { 'X-Forwarded-For': anyIp() };
    // 12 wrong codes from A (two codes' worth of 5 tries, then two more); the tenth locks A.
    const statuses: number[] = [];
    let last = '';
    for (let round = 0; round < 2; round++) {
      const sent = await requestCode(attacker, phone, a);
      expect(sent.res.status).toBe(200);
      last = sent.code!;
      for (let i = 0; i < OTP.maxTriesPerCode; i++) {
        statuses.push((await attacker.post('/login/verify', { phone, code: wrongCode(last), next: '/' }, a)).status);
      }
      await age(phone, 61);
    }
    for (let i = 0; i < 2; i++) statuses.push((await attacker.post('/login/verify', { phone, code: wrongCode(last), next: '/' }, a)).status);
    expect(statuses.slice(0, OTP.lockAfterFailures - 1).every((st) => st === 422)).toBe(true);
    expect(statuses.slice(OTP.lockAfterFailures - 1)).toEqual([429, 429, 429]);

    // The resident, from B: gets a code and signs in.
    const resident = t.client();
    const mine = await requestCode(resident, phone, b);
    expect(mine.res.status).toBe(200);
    expect((await resident.post('/login/verify', { phone, code: mine.code!, next: '/' }, b)).status).toBe(303);
    expect(resident.cookies.has(SESSION)).toBe(true);

    // A is still refused: no code, and no try at one.
    await age(phone, 61);
    expect((await requestCode(attacker, phone, a)).res.status).toBe(429);
    expect((await attacker.post('/login/verify', { phone, code: '123456', next: '/' }, a)).status).toBe(429);
    expect(attacker.cookies.has(SESSION)).toBe(false);
  });

  it('parallel guesses cannot get more than 5 tries at one code, nor more than 10 past the lock', async () => {
    const client = t.client();
    const phone = freshPhone();
    const { code } = await requestCode(client, phone);
    const guesses = Array.from({ length: 30 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'));
    const results = await Promise.all(guesses.map((g) => verify(client, phone, g)));
    const bodies = await Promise.all(results.map(async (r) => text(await r.text())));
    // Only the tries that were really compared say how many are left.
    expect(bodies.filter((b) => b.includes('还可以再试')).length).toBeLessThanOrEqual(OTP.maxTriesPerCode - 1);
    expect(results.every((r) => r.status === 422 || r.status === 429)).toBe(true);
    const [row] = await otpRows(phone);
    expect(row.attempts).toBe(OTP.maxTriesPerCode);
    expect((await t.deps.limiter.peek(throttleKeys('otp', phone, 'local').pair)).count).toBeLessThanOrEqual(OTP.maxTriesPerCode);

    // A second code, guessed in parallel: the lock caps the total at 10 compared tries.
    await age(phone, 61);
    const second = await requestCode(client, phone);
    const more = await Promise.all(guesses.map((g) => verify(client, phone, g === second.code ? wrongCode(g) : g)));
    expect(more.some((r) => r.status === 429)).toBe(true);
    const [, row2] = await otpRows(phone).then((rows) => rows.sort((a, b) => a.id - b.id));
    expect(row.attempts + row2.attempts).toBeLessThanOrEqual(OTP.lockAfterFailures);
  });

  it('a successful sign-in clears the run of wrong codes', async () => {
    const client = t.client();
    const phone = freshPhone();
    const a = await requestCode(client, phone);
    for (let i = 0; i < 4; i++) await verify(client, phone, wrongCode(a.code!));
    expect((await verify(client, phone, a.code!)).status).toBe(303);
    expect((await t.deps.limiter.peek(throttleKeys('otp', phone, 'local').pair)).count).toBe(0);
  });

  it('an expired code is refused with a Chinese message', async () => {
    const client = t.client();
    const phone = freshPhone();
    const { code } = await requestCode(client, phone);
    await age(phone, OTP.ttlMs / 1000 + 1);
    const res = await verify(client, phone, code!);
    expect(res.status).toBe(422);
    expect(text(await res.text())).toContain('验证码已过期或未获取,请重新获取。');
    expect(client.cookies.has(SESSION)).toBe(false);
  });

  it('a code that already signed someone in cannot be used again', async () => {
    const phone = freshPhone();
    const first = t.client();
    const { code } = await requestCode(first, phone);
    expect((await verify(first, phone, code!)).status).toBe(303);
    const before = await tableCount(sessions);
    const replay = t.client();
    const res = await verify(replay, phone, code!);
    expect(res.status).toBe(422);
    expect(text(await res.text())).toContain('验证码已过期或未获取');
    expect(replay.cookies.has(SESSION)).toBe(false);
    expect(await tableCount(sessions)).toBe(before);
  });

  it('a code for another phone does not sign in this one', async () => {
    const client = t.client();
    const a = freshPhone();
    const b = freshPhone();
    const { code } = await requestCode(client, a);
    await requestCode(client, b);
    const res = await verify(client, b, code!);
    // Either wrong (b has its own code) or, by a one-in-a-million chance, b's code is the same.
    if (res.status !== 303) expect(res.status).toBe(422);
    expect((await t.deps.db.select().from(users).where(eq(users.phone, a)))).toHaveLength(0);
  });

  it('refuses codes per IP beyond the hourly allowance (429)', async () => {
    const client = t.client();
    const ip = `203.0.113.${randomInt(1, 250)}`;
    for (let i = 0; i < OTP.codesPerIpPerHour; i++) {
      expect((await requestCode(client, freshPhone(), { 'X-Forwarded-For': ip })).res.status).toBe(200);
    }
    const over = await requestCode(client, freshPhone(), { 'X-Forwarded-For': ip });
    expect(over.res.status).toBe(429);
    expect(Number(over.res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(text(over.html)).toMatch(/操作太频繁,请 \d+ 秒后再试。/);
    // Another address is not affected.
    expect((await requestCode(client, freshPhone(), { 'X-Forwarded-For': '198.51.100.9' })).res.status).toBe(200);
  });

  it('refuses codes per phone beyond the daily allowance, whatever the IP', async () => {
    const client = t.client();
    const phone = freshPhone();
    for (let i = 0; i < OTP.codesPerPhonePerDay; i++) {
      expect((await requestCode(client, phone, { 'X-Forwarded-For': `192.0.2.${i + 1}` })).res.status).toBe(200);
      await age(phone, 61);
    }
    const over = await requestCode(client, phone, { 'X-Forwarded-For': '192.0.2.200' });
    expect(over.res.status).toBe(429);
    expect(Number(over.res.headers.get('retry-after'))).toBeGreaterThan(3600);
    expect(await otpRows(phone)).toHaveLength(OTP.codesPerPhonePerDay);
  });
});

describe('bad input on the sign-in forms', () => {
  const validInFixture = ['+86 138 0013 8000', '86-13800138000'];

  it.each(cases.phone.filter((p) => !validInFixture.includes(p)))('phone %j: 422 with a Chinese message, nothing written', async (phone) => {
    const [otpBefore, usersBefore] = [await tableCount(otpCodes), await tableCount(users)];
    const res = await t.client().post('/login/code', { phone, next: '/' }, { 'X-Forwarded-For': anyIp() });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="f-phone-err"');
    expect(text(html)).toMatch(phone.trim() ? /手机号格式不对,请输入 11 位中国大陆手机号。/ : /请输入手机号。/);
    // The phone form comes back with what was typed, escaped.
    expect(html).toContain('action="/login/code"');
    expect(await tableCount(otpCodes)).toBe(otpBefore);
    expect(await tableCount(users)).toBe(usersBefore);
  });

  it('the fixture phones that are valid numbers (+86 / 86- forms) are accepted as 13800138000', async () => {
    for (const phone of validInFixture) {
      expect(cases.phone).toContain(phone);
      const { res, html } = await requestCode(t.client(), phone);
      expect(res.status).toBe(200);
      expect(html).toContain('138****8000');
      await age('13800138000', 61);
    }
    expect(await otpRows('13800138000')).toHaveLength(2);
  });

  const textCases = cases.text.map((c) => [c.why, c.value.repeat(c.repeat ?? 1)] as const);

  it.each(textCases)('text as phone (%s): 4xx, not 500, nothing written', async (_why, value) => {
    const otpBefore = await tableCount(otpCodes);
    const res = await t.client().post('/login/code', { phone: value, next: '/' }, { 'X-Forwarded-For': anyIp() });
    const html = await res.text();
    if (value.includes('\u0000')) expect(res.status).toBe(400);
    else if (value.length > 64 * 1024) expect(res.status).toBe(413);
    else expect(res.status).toBe(422);
    expect(text(html)).toMatch(CHINESE);
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('" hx-get="/admin"');
    expect(await tableCount(otpCodes)).toBe(otpBefore);
  });

  it.each(textCases)('text as code (%s): 4xx, not 500, no try used, no session', async (_why, value) => {
    const client = t.client();
    const phone = freshPhone();
    // A real pending code, so nothing but the input's shape can fail.
    await t.deps.db.insert(otpCodes).values({ phone, codeHash: hashSecret('135790'), expiresAt: new Date(Date.now() + OTP.ttlMs) });
    const sessionsBefore = await tableCount(sessions);
    const res = await verify(client, phone, value);
    const html = await res.text();
    if (value.includes('\u0000')) expect(res.status).toBe(400);
    else if (value.length > 64 * 1024) expect(res.status).toBe(413);
    else {
      expect(res.status).toBe(422);
      expect(text(html)).toContain('验证码是 6 位数字。');
    }
    expect(text(html)).toMatch(CHINESE);
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('" hx-get="/admin"');
    expect((await otpRows(phone))[0].attempts).toBe(0);
    expect(await tableCount(sessions)).toBe(sessionsBefore);
    expect(client.cookies.has(SESSION)).toBe(false);
  });

  it('NUL in any field is a 400 with a Chinese message', async () => {
    const res = await t.client().post('/login/code', { phone: '13800138000', next: '/\u0000' });
    expect(res.status).toBe(400);
    expect(text(await res.text())).toContain('内容含有无法识别的字符');
  });

  it('a bad phone on the verify step goes back to the phone step', async () => {
    const res = await verify(t.client(), 'abc', '123456');
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="f-phone-err"');
    expect(html).not.toContain('action="/login/verify"');
  });

  it('full-width digits work for both phone and code', async () => {
    const client = t.client();
    const phone = freshPhone();
    const wide = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const { code } = await requestCode(client, wide(phone));
    expect(code).toBeTruthy();
    expect((await verify(client, wide(phone), wide(code!))).status).toBe(303);
  });
});

describe('codes stay out of logs', () => {
  function captureStdout() {
    const original = process.stdout.write.bind(process.stdout);
    let out = '';
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      cb?.();
      return true;
    }) as typeof process.stdout.write;
    return {
      get text() {
        return out;
      },
      restore: () => void (process.stdout.write = original),
    };
  }

  function captureLogger() {
    let lines = '';
    const stream = new Writable({
      write(chunk, _enc, cb) {
        lines += String(chunk);
        cb();
      },
    });
    return { logger: pino({ level: 'trace' }, stream), get text() { return lines; } };
  }

  it.each([false, true])('the console provider (echoTexts %s) writes neither code nor phone, and logs only the masked number', async (echoTexts) => {
    const log = captureLogger();
    const cap = captureStdout();
    try {
      await consoleSms(log.logger as never, { echoTexts }).sendCode('13912345678', '482913');
    } finally {
      cap.restore();
    }
    expect(cap.text).not.toContain('482913');
    expect(cap.text).not.toContain('13912345678');
    expect(log.text).not.toContain('482913');
    expect(log.text).not.toContain('13912345678');
    expect(log.text).toContain('139****5678');
  });

  it('in demo mode, a sign-in code is shown on the page but never reaches stdout or the log', async () => {
    // The app as boot wires it for demo mode (smsFromConfig), with a logger that keeps every line.
    expect(t.deps.config.demoMode).toBe(true);
    const log = captureLogger();
    const app = buildApp({ ...t.deps, logger: log.logger as never, sms: smsFromConfig(t.deps.config, log.logger as never) });
    const phone = freshPhone();
    const cap = captureStdout();
    let code: string | undefined;
    try {
      const headers = { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://anlin.test', 'X-Forwarded-For': anyIp() };
      const res = await app.request('http://anlin.test/login/code', { method: 'POST', headers, body: new URLSearchParams({ phone, next: '/' }).toString() });
      expect(res.status).toBe(200);
      code = demoCodeFrom(await res.text());
      const done = await app.request('http://anlin.test/login/verify', { method: 'POST', headers, body: new URLSearchParams({ phone, code, next: '/' }).toString() });
      expect(done.status).toBe(303);
    } finally {
      cap.restore();
    }
    expect(code).toMatch(/^\d{6}$/);
    expect(log.text).toContain('sms code sent');
    // As a number of its own: a log line's timestamp may hold the same six digits by chance.
    for (const out of [cap.text, log.text]) {
      expect(out).not.toMatch(new RegExp(`(?<!\\d)${code}(?!\\d)`));
      expect(out).not.toContain(phone);
    }
  });

  it('a code requested through the app never reaches stdout', async () => {
    const client = t.client();
    const phone = freshPhone();
    const cap = captureStdout();
    let code: string | undefined;
    try {
      code = (await requestCode(client, phone)).code;
      await verify(client, phone, wrongCode(code!));
      await verify(client, phone, code!);
    } finally {
      cap.restore();
    }
    expect(code).toMatch(/^\d{6}$/);
    expect(cap.text).not.toContain(code!);
    expect(cap.text).not.toContain(phone);
  });

  it('without DEMO_MODE the page never shows the code', async () => {
    const client = noDemo.client();
    const phone = freshPhone();
    const res = await client.post('/login/code', { phone, next: '/' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain('data-demo-code');
    expect(html).not.toContain('演示模式');
    expect(html).toContain('action="/login/verify"');
    const rows = await noDemo.deps.db.select().from(otpCodes).where(eq(otpCodes.phone, phone));
    expect(rows).toHaveLength(1);
  });
});

describe('signing out', () => {
  it('sign-out deletes the session and clears the cookie', async () => {
    const client = t.client();
    await signIn(client, freshPhone());
    const id = client.cookies.get(SESSION)!.split('.')[0];
    const res = await client.post('/logout', {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect(clearsSession(res)).toBe(true);
    expect(await t.deps.db.select().from(sessions).where(eq(sessions.id, id))).toHaveLength(0);
    const account = await client.get('/account');
    expect(account.status).toBe(303);
    expect(account.headers.get('location')).toBe('/login?next=%2Faccount');
  });

  it('sign-out without a session still answers with a redirect', async () => {
    const res = await t.client().post('/logout', {});
    expect(res.status).toBe(303);
  });

  it('sign-out everywhere ends every session of the user, on every device', async () => {
    const phone = freshPhone();
    const phoneA = t.client();
    const phoneB = t.client();
    await signIn(phoneA, phone);
    await age(phone, 61);
    await signIn(phoneB, phone);
    const other = t.client();
    await signIn(other, freshPhone());
    const [user] = await t.deps.db.select().from(users).where(eq(users.phone, phone));
    expect(await t.deps.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(2);

    const res = await phoneA.post('/logout/everywhere', {});
    expect(res.status).toBe(303);
    expect(clearsSession(res)).toBe(true);
    expect(await t.deps.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    for (const c of [phoneA, phoneB]) expect((await c.get('/account')).status).toBe(303);
    // Someone else's session is untouched.
    expect((await other.get('/account')).status).toBe(200);
  });

  it('sign-out everywhere needs a signed-in user', async () => {
    const res = await t.client().post('/logout/everywhere', {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/login/);
  });
});

describe('a bad session cookie signs the visitor out quietly', () => {
  async function expectQuietSignOut(client: TestClient, cookie: string) {
    client.cookies.set(SESSION, cookie);
    const res = await client.get('/');
    expect(res.status).toBe(200);
    expect(clearsSession(res)).toBe(true);
    const html = await res.text();
    expect(html).not.toContain('error-page');
    expect(html).toContain('href="/login"');
    expect(client.cookies.has(SESSION)).toBe(false);
  }

  it.each([
    ['random text', 'not-a-session'],
    ['well-formed but unknown', () => `${randomToken()}.${randomToken()}`],
    ['too long', 'a'.repeat(101)],
    ['three parts', () => `${randomToken()}.${randomToken()}.${randomToken()}`],
    ['upper case', () => `${randomToken().toUpperCase()}.${randomToken()}`],
    ['quoted', '"abc"'],
    ['percent-encoded garbage', '%E0%A4%A'],
    ['characters a cookie may not hold', 'abc\\def'],
    ['empty', ''],
  ] as const)('%s', async (_label, value) => {
    await expectQuietSignOut(t.client(), typeof value === 'function' ? value() : value);
  });

  it('right id with the wrong secret: this visitor is out, the real owner is not', async () => {
    const owner = t.client();
    await signIn(owner, freshPhone());
    const [id] = owner.cookies.get(SESSION)!.split('.');
    await expectQuietSignOut(t.client(), `${id}.${randomToken()}`);
    expect((await owner.get('/account')).status).toBe(200);
  });

  it('a session idle longer than the timeout is deleted and the cookie cleared', async () => {
    const client = t.client();
    await signIn(client, freshPhone());
    const token = client.cookies.get(SESSION)!;
    const [id] = token.split('.');
    const idleDays = t.deps.config.SESSION_IDLE_DAYS;
    await t.deps.db.execute(sql`update sessions set last_verified_at = now() - make_interval(days => ${idleDays}, secs => 1) where id = ${id}`);
    await expectQuietSignOut(client, token);
    expect(await t.deps.db.select().from(sessions).where(eq(sessions.id, id))).toHaveLength(0);
  });

  it('a session used within the timeout stays, and is bumped after an hour', async () => {
    const client = t.client();
    await signIn(client, freshPhone());
    const [id] = client.cookies.get(SESSION)!.split('.');
    await t.deps.db.execute(sql`update sessions set last_verified_at = now() - interval '2 hours' where id = ${id}`);
    const token = client.cookies.get(SESSION)!;
    const res = await client.get('/');
    expect(res.status).toBe(200);
    expect(clearsSession(res)).toBe(false);
    const [s] = await t.deps.db.select().from(sessions).where(eq(sessions.id, id));
    expect(Date.now() - s.lastVerifiedAt.getTime()).toBeLessThan(60_000);
    // The cookie's expiry slides with the session.
    const [line] = sessionCookies(res);
    expect(line).toContain(`${SESSION}=${token};`);
    expect(line).toMatch(new RegExp(`Max-Age=${t.deps.config.SESSION_IDLE_DAYS * 86400}`, 'i'));
    // Within the hour nothing is rewritten.
    expect(sessionCookies(await client.get('/'))).toEqual([]);
  });

  it('a disabled resident is signed out at the next request', async () => {
    const client = t.client();
    const phone = freshPhone();
    await signIn(client, phone);
    await t.deps.db.update(users).set({ disabledAt: new Date() }).where(eq(users.phone, phone));
    const res = await client.get('/');
    expect(res.status).toBe(200);
    expect(clearsSession(res)).toBe(true);
  });
});
