// The report form against real Postgres and Redis: QR checks, inline sign-in that keeps text and photos, the receipt, the stored row and its job.
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobOutbox, submissionEvents, submissionPhotos, submissions } from '../../src/db/schema';
import { seedDemo } from '../../src/cli/seed-data/demo';
import { closeQrScanCache } from '../../src/domain/qr/scan-cache';
import { demoCodeFrom, useTestApp, type TestClient } from '../helpers/app';
import { badInputFile } from '../helpers/bad-inputs';
import { qrByKey, reportBody, tokenFrom, validTip } from '../helpers/report';

const t = useTestApp();
let lobby: Awaited<ReturnType<typeof qrByKey>>;

beforeAll(async () => {
  await seedDemo(t.deps.database, { residents: 0 });
  lobby = await qrByKey(t.deps.db, 'cy1-b1-lobby');
});
afterAll(() => closeQrScanCache(t.deps));

/** Like toContain/toMatch, but a failure names the expectation instead of printing a 40 KB page. */
const has = (html: string, want: string | RegExp) => expect(typeof want === 'string' ? html.includes(want) : want.test(html), String(want)).toBe(true);

const post = (client: TestClient, fields: Record<string, string>, files: Parameters<typeof reportBody>[1] = []) =>
  client.request('/report', { method: 'POST', body: reportBody(fields, files) });

async function openForm(client: TestClient, kind = 'tip') {
  const res = await client.get(`/report/new?qr=${lobby.code}&kind=${kind}`);
  expect(res.status).toBe(200);
  const html = await res.text();
  return { html, token: tokenFrom(html) };
}

describe('GET /report/new', () => {
  it('shows the form for a report code: both kinds, the rule set categories with hints, the QR place chosen, sign-in inline', async () => {
    const res = await t.client().get(`/report/new?qr=${lobby.code.toLowerCase()}&kind=wish`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    has(html, '清源社区 › 清波小区 › 1栋');
    has(html, /id="k-wish" name="kind" value="wish" checked=""/);
    has(html, '消防隐患(飞线充电、楼道堆物、电瓶车进楼)');
    has(html, '飞线充电、楼道堆物、电瓶车进楼等');
    has(html, '养老助残');
    has(html, new RegExp(`<option value="${lobby.placeId}" selected="">清波小区 › 1栋</option>`));
    has(html, '5–1000 个字');
    has(html, '最多 4 张');
    has(html, '用手机号登录后提交');
    has(html, /<script src="\/report\/report\.[0-9a-f]{10}\.js" nonce="[^"]+" defer/);
  });

  it('answers unknown, disabled and non-report codes with a Chinese 404', async () => {
    const client = t.client();
    const checkpoint = await qrByKey(t.deps.db, 'cp1');
    for (const [qr, text] of [
      ['ZZZZZZZZZZZZZ', '找不到这个二维码'],
      ['../../etc/passwd', '找不到这个二维码'],
      [checkpoint.code, '这个二维码不能用来反映问题'],
    ]) {
      const res = await client.get(`/report/new?qr=${encodeURIComponent(qr)}&kind=tip`);
      expect(res.status, qr).toBe(404);
      expect(await res.text()).toContain(text);
    }
    // No code at all is not a wrong code: it goes to the page explaining where reports start (empty-states.test.ts).
    const bare = await client.get('/report/new');
    expect(bare.status).toBe(303);
    expect(bare.headers.get('location')).toBe('/report');
  });

  it('speaks English when asked', async () => {
    const client = t.client();
    client.cookies.set('anlin_lang', 'en');
    const html = await (await client.get(`/report/new?qr=${lobby.code}&kind=tip`)).text();
    has(html, 'Report a tip');
    has(html, 'Sign in with your phone to submit');
  });

  it('serves its script from the hashed path with a long cache', async () => {
    const html = await (await t.client().get(`/report/new?qr=${lobby.code}`)).text();
    const src = /src="(\/report\/report\.[0-9a-f]{10}\.js)"/.exec(html)![1];
    const js = await t.client().get(src);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect(await js.text()).toContain('geolocation');
  });
});

describe('inline sign-in mid-form', () => {
  it('keeps every value and the photo through "get code" and "sign in and submit", then shows the receipt', async () => {
    const client = t.client();
    const { token } = await openForm(client);
    const place = await qrByKey(t.deps.db, 'cy1-b2-lobby');
    const fields = validTip(lobby, token, { place: String(place.placeId), anonymous: 'on', contact: 'sms', lat: '30.657001', lng: '104.020002', phone: '138 0013 8001', step: 'code' });

    const step1 = await post(client, fields, [{ name: 'gps.jpg', bytes: badInputFile('photo-with-gps.jpg') }]);
    expect(step1.status).toBe(200);
    const html = await step1.text();
    has(html, '验证码已发送至');
    has(html, '138****8001');
    has(html, fields.description);
    has(html, new RegExp(`<option value="${place.placeId}" selected="">`));
    has(html, /id="f-anonymous" name="anonymous" value="on" checked=""/);
    has(html, /id="ct-sms" name="contact" value="sms" checked=""/);
    has(html, /value="tip.fire_hazard" checked=""/);
    has(html, 'value="30.657001"');
    has(html, '已保存 1 张照片');
    expect(step1.headers.getSetCookie().join(';')).toMatch(/anlin_draft=/);
    // Nothing is filed before sign-in; the photo waits as a draft of this form.
    const drafts = await t.deps.db.select().from(submissionPhotos).where(and(eq(submissionPhotos.draftToken, token), isNull(submissionPhotos.submissionId)));
    expect(drafts).toHaveLength(1);
    expect(drafts[0].uploaderUserId).toBeNull();

    // The draft thumbnail is visible to this browser only.
    const thumb = /<img src="(\/photos\/\d+\/thumb)"/.exec(html)![1];
    expect((await client.get(thumb)).status).toBe(200);
    expect((await t.client().get(thumb)).status).toBe(404);

    const wrong = await post(client, { ...fields, step: 'submit', codeSent: '1', phone: '13800138001', code: '000000' === demoCodeFrom(html) ? '111111' : '000000' });
    expect(wrong.status).toBe(422);
    const wrongHtml = await wrong.text();
    has(wrongHtml, '验证码不正确');
    has(wrongHtml, fields.description);

    const done = await post(client, { ...fields, step: 'submit', codeSent: '1', phone: '13800138001', code: demoCodeFrom(html) });
    expect(done.status).toBe(303);
    const receiptUrl = done.headers.get('location')!;
    expect(receiptUrl).toMatch(/^\/report\/done\/QY-\d{4}-\d{6}$/);
    expect(client.cookies.has('anlin_session')).toBe(true);

    const receipt = await client.get(receiptUrl);
    expect(receipt.status).toBe(200);
    const r = await receipt.text();
    const trackingNo = receiptUrl.split('/').pop()!;
    has(r, trackingNo);
    has(r, '预计首次答复');
    has(r, `href="/me/submissions/${trackingNo}"`);
    has(r, '匿名提交');

    const [row] = await t.deps.db.select().from(submissions).where(eq(submissions.trackingNo, trackingNo));
    expect(row).toMatchObject({ kind: 'tip', categoryKey: 'tip.fire_hazard', placeId: place.placeId, qrCodeId: lobby.id, anonymous: true, contactPref: 'sms', latitude: 30.657001, longitude: 104.020002, publicWish: false, policeRelated: false, idempotencyKey: token });
    expect(row.description).toBe(fields.description);
    expect(row.gridId).not.toBeNull();
    // The first answer is due after the rule set's acknowledge hours (24 in the demo rules).
    expect(row.slaDueAt!.getTime() - row.createdAt.getTime()).toBe(24 * 3600_000);
    const photos = await t.deps.db.select().from(submissionPhotos).where(eq(submissionPhotos.submissionId, row.id));
    expect(photos).toHaveLength(1);
    expect(photos[0].uploaderUserId).toBe(row.authorUserId);
    const events = await t.deps.db.select().from(submissionEvents).where(eq(submissionEvents.submissionId, row.id));
    expect(events.map((e) => e.toStatus)).toContain('received');
    const [job] = await t.deps.db.select().from(jobOutbox).where(eq(jobOutbox.dedupeKey, `submission.verify:${row.id}`));
    expect(job).toMatchObject({ name: 'submission.verify', payload: { submissionId: row.id } });
  });

  it('asks for a phone first when "submit" is pressed signed out, with everything kept', async () => {
    const client = t.client();
    const { token } = await openForm(client);
    const res = await post(client, validTip(lobby, token, { step: 'submit' }));
    expect(res.status).toBe(401);
    const html = await res.text();
    has(html, '请先输入手机号获取验证码');
    has(html, '3单元楼道里有人飞线');
    expect(await t.deps.db.select().from(submissions).where(eq(submissions.idempotencyKey, token))).toEqual([]);
  });

  it('removes a kept photo on request and keeps the rest of the form', async () => {
    const client = t.client();
    const { token } = await openForm(client);
    const fields = validTip(lobby, token, { phone: '13800138002', step: 'phone' });
    const png = { name: 'a.png', bytes: badInputFile('ok-small.png'), type: 'image/png' };
    const first = await (await post(client, fields, [png, png])).text();
    has(first, '已保存 2 张照片');
    const id = /name="removePhoto" value="(\d+)"/.exec(first)![1];
    const res = await post(client, { ...fields, removePhoto: id });
    expect(res.status).toBe(200);
    const html = await res.text();
    has(html, '已保存 1 张照片');
    has(html, fields.description);
    // Another form's token cannot remove it (answered as if nothing happened, the photo stays).
    const other = (await openForm(t.client())).token;
    const [left] = await t.deps.db.select().from(submissionPhotos).where(and(eq(submissionPhotos.draftToken, token), isNull(submissionPhotos.submissionId)));
    await post(t.client(), { ...fields, token: other, removePhoto: String(left.id) });
    expect(await t.deps.db.select().from(submissionPhotos).where(eq(submissionPhotos.id, left.id))).toHaveLength(1);
  });
});
