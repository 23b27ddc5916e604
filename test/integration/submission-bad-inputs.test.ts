// Every hostile text, file and request shape from the shared bad-input cases against the report form: a Chinese message and
// nothing stored (or, for ordinary-looking text, stored exactly and shown escaped), never a 500; values kept on the re-render.
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submissionPhotos, submissions } from '../../src/db/schema';
import { seedDemo } from '../../src/cli/seed-data/demo';
import { makeCommunity, makePlace } from '../helpers/builders';
import { closeQrScanCache } from '../../src/domain/qr/scan-cache';
import { newDraftToken } from '../../src/domain/photos/draft-token';
import { useTestApp, type TestClient } from '../helpers/app';
import { badInputFile, badInputs, badTexts } from '../helpers/bad-inputs';
import { qrByKey, reportBody, validTip, type UploadFile } from '../helpers/report';

const t = useTestApp();
let lobby: Awaited<ReturnType<typeof qrByKey>>;
let resident: TestClient;

beforeAll(async () => {
  await seedDemo(t.deps.database, { residents: 0 });
  lobby = await qrByKey(t.deps.db, 'cy1-b1-lobby');
  resident = t.client();
  await resident.signInResident('13900139000');
});
afterAll(() => closeQrScanCache(t.deps));

const has = (html: string, want: string | RegExp) => expect(typeof want === 'string' ? html.includes(want) : want.test(html), String(want)).toBe(true);
const CJK = /[\u4e00-\u9fff]/;
const RAW_MARKUP = /<script>alert|<img src=x|" hx-get="\/admin"/;

const send = (fields: Record<string, string>, files: UploadFile[] = [], client = resident) =>
  client.request('/report', { method: 'POST', body: reportBody(fields, files) });
const rowsFor = async (token: string) => (await t.deps.db.select().from(submissions).where(eq(submissions.idempotencyKey, token))).length;
const total = async () => Number((await t.deps.db.select({ n: count() }).from(submissions))[0].n);
const photosFor = async (token: string) => Number((await t.deps.db.select({ n: count() }).from(submissionPhotos).where(eq(submissionPhotos.draftToken, token)))[0].n);
const errorText = (html: string) => [...html.matchAll(/<p class="(?:error|form-error)"[^>]*>([^<]*)</g)].map((m) => m[1]).join(' ');

/** Text that reads as ordinary words (no markup, no control characters, long enough): a resident may write it, so it is kept as typed. */
const ORDINARY = new Set(["'; DROP TABLE submissions; --", '1 OR 1=1', '../../../../etc/passwd', '%00%2e%2e%2f']);

describe('bad text in the description', () => {
  it.each(badTexts().map((v, i) => [i, v]))('case %i', async (_i, value) => {
    const token = newDraftToken();
    const res = await send(validTip(lobby, token, { description: value }));
    if (ORDINARY.has(value)) {
      expect(res.status).toBe(303);
      const [row] = await t.deps.db.select().from(submissions).where(eq(submissions.idempotencyKey, token));
      expect(row.description).toBe(value);
      return;
    }
    expect([400, 422]).toContain(res.status);
    const html = await res.text();
    expect(errorText(html)).toMatch(CJK);
    expect(html).not.toMatch(RAW_MARKUP);
    // The text comes back in the textarea (escaped; NUL removed, the overlong one in full).
    if (value.length < 2000) has(html, escapeHtml(value.replaceAll('\u0000', '')));
    expect(await rowsFor(token)).toBe(0);
  });

  it('keeps emoji, ZWJ sequences and CJK extension B exactly when the description is long enough', async () => {
    const token = newDraftToken();
    const text = '楼下路灯坏了😀👨‍👩‍👧‍👦𠀀,晚上很黑';
    expect((await send(validTip(lobby, token, { description: text }))).status).toBe(303);
    const [row] = await t.deps.db.select().from(submissions).where(eq(submissions.idempotencyKey, token));
    expect(row.description).toBe(text);
  });

  it('counts full-width spaces as empty and shows the limits', async () => {
    const res = await send(validTip(lobby, newDraftToken(), { description: '\u3000\u3000 \n ' }));
    expect(res.status).toBe(422);
    has(await res.text(), '请填写情况描述');
    const long = await send(validTip(lobby, newDraftToken(), { description: '长'.repeat(1001) }));
    has(await long.text(), '最多 1000 个字(现在 1001 个)');
    const short = await send(validTip(lobby, newDraftToken(), { description: '有火' }));
    has(await short.text(), '请至少写 5 个字');
  });
});

/** HTML-escapes like hono/jsx does for text content, to find a kept value in the page. */
function escapeHtml(s: string) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

describe('bad values in the other fields', () => {
  it.each(badTexts().filter((v) => v.length < 1000).map((v, i) => [i, v]))('case %i in kind, category, place, contact, location and token', async (_i, value) => {
    const before = await total();
    const overs: Record<string, string>[] = [{ kind: value }, { category: value }, { place: value }, { contact: value }, { lat: value, lng: '104.1' }, { token: value }];
    for (const over of overs) {
      const token = 'token' in over ? value : newDraftToken();
      const res = await send(validTip(lobby, token, over));
      expect([400, 422], JSON.stringify(over).slice(0, 80)).toContain(res.status);
      expect(errorText(await res.text())).toMatch(CJK);
    }
    expect(await total()).toBe(before);
  });

  it('refuses a category of the other kind, a place of another community, and phone contact for an anonymous tip', async () => {
    const other = await makeCommunity(t.deps.db);
    const elsewhere = await makePlace(t.deps.db, other.id, { kind: 'building', name: '别处1栋' });
    for (const [over, message] of [
      [{ category: 'wish.facility' }, '不一致'],
      [{ kind: 'wish', category: 'tip.case_clue' }, '不一致'],
      [{ category: 'tip.not_in_rules' }, '请选择一个类别'],
      [{ place: String(elsewhere.id) }, '请选择本社区的楼栋或单元'],
      [{ anonymous: 'on', contact: 'phone' }, '匿名提交时工作人员看不到您的电话'],
      [{ lat: '91', lng: '10' }, '位置信息无效'],
    ] as const) {
      const token = newDraftToken();
      const res = await send(validTip(lobby, token, over));
      expect(res.status, message).toBe(422);
      has(await res.text(), message);
      expect(await rowsFor(token)).toBe(0);
    }
  });

  it('answers bad QR values with the Chinese 404 page and stores nothing', async () => {
    for (const qr of [...badInputs.ids, 'ZZZZZZZZZZZZZ', '']) {
      const token = newDraftToken();
      const res = await send(validTip(lobby, token, { qr }));
      expect(res.status, qr).toBe(404);
      has(await res.text(), '找不到这个二维码');
      expect(await rowsFor(token)).toBe(0);
    }
  });

  it('turns every bad phone into a Chinese message beside the phone field, form kept', async () => {
    const visitor = t.client();
    for (const phone of badInputs.phone) {
      const res = await send(validTip(lobby, newDraftToken(), { phone, step: 'code' }), [], visitor);
      // "+86 138 0013 8000" and "86-13800138000" are the same valid number written differently: a code is sent for them.
      if (/^(\+86 138 0013 8000|86-13800138000)$/.test(phone)) {
        expect([200, 429]).toContain(res.status);
        continue;
      }
      expect(res.status, phone).toBe(422);
      const html = await res.text();
      has(html, '手机号');
      has(html, '3单元楼道里有人飞线');
    }
  });
});

describe('bad files and request shapes', () => {
  it.each(Object.entries(badInputs.files).filter(([name]) => !['photo-with-gps.jpg', 'ok-small.png'].includes(name)))('%s is refused with a Chinese message, nothing stored', async (name) => {
    const token = newDraftToken();
    const res = await send(validTip(lobby, token), [{ name, bytes: badInputFile(name) }]);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const html = await res.text();
    has(html, `照片“${name}”没有上传成功`);
    has(html, '3单元楼道里有人飞线');
    expect(await photosFor(token)).toBe(0);
    expect(await rowsFor(token)).toBe(0);
  });

  it('accepts the good files and files the item with them', async () => {
    const token = newDraftToken();
    const res = await send(validTip(lobby, token), [
      { name: 'ok-small.png', bytes: badInputFile('ok-small.png'), type: 'image/png' },
      { name: 'photo-with-gps.jpg', bytes: badInputFile('photo-with-gps.jpg') },
    ]);
    expect(res.status).toBe(303);
    const [row] = await t.deps.db.select().from(submissions).where(eq(submissions.idempotencyKey, token));
    expect(Number((await t.deps.db.select({ n: count() }).from(submissionPhotos).where(eq(submissionPhotos.submissionId, row.id)))[0].n)).toBe(2);
  });

  it('refuses 5 photos, and 20, before decoding any: 400, nothing stored', async () => {
    for (const n of [5, 20]) {
      const token = newDraftToken();
      const files = Array.from({ length: n }, (_, i) => ({ name: `p${i}.png`, bytes: badInputFile('ok-small.png'), type: 'image/png' }));
      const res = await send(validTip(lobby, token), files);
      expect(res.status).toBe(400);
      has(await res.text(), '最多只能上传 4 张照片');
      expect(await photosFor(token)).toBe(0);
      expect(await rowsFor(token)).toBe(0);
    }
  });

  it('counts photos kept from an earlier round trip: 3 kept + 2 new is refused', async () => {
    const visitor = t.client();
    const token = newDraftToken();
    const png = { name: 'a.png', bytes: badInputFile('ok-small.png'), type: 'image/png' };
    expect((await send(validTip(lobby, token, { phone: '13900139123', step: 'phone' }), [png, png, png], visitor)).status).toBe(200);
    const res = await send(validTip(lobby, token, { phone: '13900139123', step: 'phone' }), [png, png], visitor);
    expect(res.status).toBe(400);
    expect(await photosFor(token)).toBe(3);
  });

  it('wrong content types are 415, a foreign origin is 403, an oversized body is 413', async () => {
    const fields = validTip(lobby, newDraftToken());
    expect((await resident.request('/report', { method: 'POST', body: JSON.stringify(fields), headers: { 'Content-Type': 'application/json' } })).status).toBe(415);
    expect((await resident.request('/report', { method: 'POST', body: 'x', headers: { 'Content-Type': 'application/x-www-form-urlencodedx' } })).status).toBeGreaterThanOrEqual(400);
    const foreign = await resident.request('/report', { method: 'POST', body: reportBody(fields), headers: { Origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    const huge = new Uint8Array(34 * 1024 * 1024);
    const big = await send(fields, [{ name: 'big.jpg', bytes: huge }]);
    expect(big.status).toBe(413);
    has(await big.text(), '提交的内容太大了');
    expect(await rowsFor(fields.token)).toBe(0);
  });

  it('a NUL byte anywhere is a 400 with the message beside the field and the rest of the text kept', async () => {
    const token = newDraftToken();
    const res = await send(validTip(lobby, token, { description: '楼道里有\u0000人飞线充电' }));
    expect(res.status).toBe(400);
    const html = await res.text();
    has(html, '内容含有无法识别的字符');
    has(html, '楼道里有人飞线充电');
    expect(await rowsFor(token)).toBe(0);
  });
});
