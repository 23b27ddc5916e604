// Safe submit: a double tap (sequential or at once) files one item; the verify job takes it to 待审核; receipts are private;
// the per-resident limit holds, and fails open (logged) when its Redis cannot answer.
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { jobOutbox, notifications, submissionEvents, submissionPhotos, submissions } from '../../src/db/schema';
import { seedDemo } from '../../src/cli/seed-data/demo';
import { newDraftToken } from '../../src/domain/photos/draft-token';
import { closeQrScanCache } from '../../src/domain/qr/scan-cache';
import { SUBMIT_LIMIT } from '../../src/domain/submissions/submit-rate-limit';
import type { RateLimiter } from '../../src/infra/rate-limiter';
import { useTestApp, type TestClient } from '../helpers/app';
import { badInputFile, badInputs } from '../helpers/bad-inputs';
import { qrByKey, reportBody, validTip } from '../helpers/report';

const t = useTestApp();
let lobby: Awaited<ReturnType<typeof qrByKey>>;
let resident: TestClient;

beforeAll(async () => {
  await seedDemo(t.deps.database, { residents: 0 });
  lobby = await qrByKey(t.deps.db, 'cy2-b1-lobby');
  resident = t.client();
  await resident.signInResident('13700137000');
});
afterAll(() => closeQrScanCache(t.deps));

const send = (client: TestClient, fields: Record<string, string>, files: Parameters<typeof reportBody>[1] = []) =>
  client.request('/report', { method: 'POST', body: reportBody(fields, files) });
const byToken = (token: string) => t.deps.db.select().from(submissions).where(eq(submissions.idempotencyKey, token));

describe('idempotent submit', () => {
  it('the same form sent twice makes one item; the second answer points at the first receipt', async () => {
    const token = newDraftToken();
    const a = await send(resident, validTip(lobby, token));
    const b = await send(resident, validTip(lobby, token, { description: '第二次点击时内容变了也不会再建一条' }));
    expect(a.status).toBe(303);
    expect(b.status).toBe(303);
    expect(b.headers.get('location')).toBe(a.headers.get('location'));
    expect(await byToken(token)).toHaveLength(1);
  });

  it('eight taps at the same moment, with photos, make one item with its photos under the cap', async () => {
    const token = newDraftToken();
    const png = { name: 'a.png', bytes: badInputFile('ok-small.png'), type: 'image/png' };
    const answers = await Promise.all(Array.from({ length: 8 }, () => send(resident, validTip(lobby, token), [png, png])));
    const locations = new Set(answers.map((r) => `${r.status} ${r.headers.get('location')}`));
    expect([...locations].every((l) => l.startsWith('303 /report/done/'))).toBe(true);
    expect(locations.size).toBe(1);
    const rows = await byToken(token);
    expect(rows).toHaveLength(1);
    const [{ n }] = await t.deps.db.select({ n: count() }).from(submissionPhotos).where(eq(submissionPhotos.submissionId, rows[0].id));
    expect(Number(n)).toBeGreaterThanOrEqual(2);
    expect(Number(n)).toBeLessThanOrEqual(4);
    expect(await t.deps.db.select().from(jobOutbox).where(eq(jobOutbox.dedupeKey, `submission.verify:${rows[0].id}`))).toHaveLength(1);
  });

  it('tracking numbers count up per community and year without gaps', async () => {
    const nos: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await send(resident, validTip(lobby, newDraftToken()));
      nos.push(res.headers.get('location')!.split('/').pop()!);
    }
    const seq = nos.map((n) => Number(n.slice(-6)));
    expect(seq[1] - seq[0]).toBe(1);
    expect(seq[2] - seq[1]).toBe(1);
    expect(nos[0]).toMatch(new RegExp(`^QY-${new Date().getFullYear()}-\\d{6}$`));
  });
});

describe('the verify job', () => {
  it('moves a new item from 已受理 to 待审核 and tells the author', async () => {
    await t.deps.jobs.startWorkers();
    const token = newDraftToken();
    expect((await send(resident, validTip(lobby, token))).status).toBe(303);
    const [row] = await byToken(token);
    await expect.poll(async () => (await byToken(token))[0].status, { timeout: 15_000 }).toBe('pending_review');
    const events = await t.deps.db.select().from(submissionEvents).where(eq(submissionEvents.submissionId, row.id));
    // Earlier tests in this file submit the same text, so a private 可能重复 note may follow; the status trail is what matters here.
    expect(events.filter((e) => e.kind === 'status').map((e) => e.toStatus)).toEqual(['received', 'pending_review']);
    expect(events.filter((e) => e.kind !== 'status').every((e) => e.kind === 'note' && !e.public)).toBe(true);
    const notes = await t.deps.db.select().from(notifications).where(eq(notifications.userId, row.authorUserId));
    expect(notes.some((n) => n.title === row.trackingNo && n.kind === 'status.pending_review')).toBe(true);
  });
});

describe('receipts', () => {
  it('only the author sees a receipt; others and made-up numbers get 404, signed-out visitors sign in first', async () => {
    const res = await send(resident, validTip(lobby, newDraftToken()));
    const url = res.headers.get('location')!;
    expect((await resident.get(url)).status).toBe(200);
    const other = t.client();
    await other.signInResident('13700137001');
    expect((await other.get(url)).status).toBe(404);
    const anon = await t.client().get(url);
    expect(anon.status).toBe(303);
    expect(anon.headers.get('location')).toContain('/login?next=');
    for (const id of [...badInputs.ids, 'QY-2026-999999', 'QY-2026-000001x']) {
      expect((await resident.get(`/report/done/${encodeURIComponent(id)}`)).status, id).toBe(404);
    }
  });
});

describe('per-resident limit', () => {
  it(`refuses the ${SUBMIT_LIMIT.perHour + 1}th item in an hour with a Chinese message`, async () => {
    const busy = t.client();
    await busy.signInResident('13700137002');
    for (let i = 0; i < SUBMIT_LIMIT.perHour; i++) expect((await send(busy, validTip(lobby, newDraftToken()))).status).toBe(303);
    const token = newDraftToken();
    const res = await send(busy, validTip(lobby, token));
    expect(res.status).toBe(429);
    expect(await res.text()).toContain('您提交得太频繁了');
    expect(await byToken(token)).toHaveLength(0);
  });

  it('fails open with a logged warning when the limiter cannot answer (Redis away)', async () => {
    const real = t.deps.limiter;
    const hanging: RateLimiter = { ...real, hit: () => new Promise(() => {}) };
    const warn = vi.spyOn(t.deps.logger, 'warn');
    t.deps.limiter = hanging;
    try {
      const token = newDraftToken();
      const started = Date.now();
      expect((await send(resident, validTip(lobby, token))).status).toBe(303);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(await byToken(token)).toHaveLength(1);
      expect(warn.mock.calls.some(([, msg]) => String(msg).includes('rate limit unavailable'))).toBe(true);
    } finally {
      t.deps.limiter = real;
      warn.mockRestore();
    }
  });
});
