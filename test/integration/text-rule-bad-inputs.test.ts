// The one text rule over HTTP: every hostile text from the shared bad-input cases (plus line breaks, a control
// character, lone surrogates and U+202E) against each admin name field — community, district, grid, place, staff
// (new and renamed), QR label, department, reply template — and the escalation reason: refused with 422 and a
// Chinese message next to the field and nothing written, or (harmless text) stored exactly as typed.
import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, communities, submissionEvents, submissions, users } from '../../src/db/schema';
import { useTestApp, type TestClient } from '../helpers/app';
import { badTexts } from '../helpers/bad-inputs';
import { demoWorld, resident, type DemoWorld } from './me-helpers';
import { itemIn, staff } from './console-actions-helpers';

const t = useTestApp();
let w: DemoWorld;
let admin: TestClient;
let worker1: TestClient;
let staffUid: number;
const db = () => t.deps.db;

beforeAll(async () => {
  w = await demoWorld(t.deps.database);
  admin = await staff(t.client(), 'admin');
  worker1 = await staff(t.client(), 'worker1');
  const [u] = await db().select({ id: users.id }).from(users).where(eq(users.username, 'worker8'));
  staffUid = u.id;
});

const EXTRA = ['一号\r\n网格', '一号\n网格', 'a\u0007b', 'a\u0085b', 'a\uD800b', 'b\uDC00a', 'x\u202Ey', 'a\u2066b\u2069'];
const cases = [...badTexts(), ...EXTRA];
/** What must be refused, stated independently of the code under test. */
const mustRefuse = (v: string, oneLine: boolean) =>
  /[<{]|\$\{|hx-|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(v) || /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(v) || v.trim() === '' || v.length > 1000 || (oneLine && /[\r\n]/.test(v));

const expectedStatus = (v: string) => (v.includes('\u0000') ? 400 : v.length > 50_000 ? 413 : 422);
const auditRows = async () => Number((await db().select({ n: count() }).from(auditLog))[0].n);
const CHINESE_ERROR = /class="error"[^>]*>[^<]*[\u4e00-\u9fff]/;

let n = 0;
type Field = { what: string; path: () => string; form: (v: string) => Record<string, string>; oneLine: boolean; optional?: boolean };
const fields: Field[] = [
  { what: 'community name', path: () => `/admin/c/${w.community.id}`, form: (v) => ({ name: v, district: '锦江区', population: '1000' }), oneLine: true },
  { what: 'district', path: () => `/admin/c/${w.community.id}`, form: (v) => ({ name: '清源社区', district: v, population: '1000' }), oneLine: true, optional: true },
  { what: 'grid', path: () => `/admin/c/${w.community.id}/grids/new`, form: (v) => ({ code: `510105017003${String(500 + ++n).slice(-3)}`, name: v, kind: 'comprehensive', households: '1' }), oneLine: true },
  { what: 'place', path: () => `/admin/c/${w.community.id}/places/new`, form: (v) => ({ key: `bad-${++n}`, name: v, kind: 'courtyard' }), oneLine: true },
  { what: 'new staff', path: () => `/admin/c/${w.community.id}/staff/new`, form: (v) => ({ username: `bad.${++n}`, name: v, role: 'clerk' }), oneLine: true },
  { what: 'staff rename', path: () => `/admin/c/${w.community.id}/staff/${staffUid}`, form: (v) => ({ name: v }), oneLine: true },
  { what: 'QR label', path: () => `/admin/qr?community=${w.community.id}`, form: (v) => ({ purpose: 'report', placeId: String(w.grid1.placeId), label: v }), oneLine: true },
  { what: 'department', path: () => `/admin/c/${w.community.id}/departments/new`, form: (v) => ({ name: v, contact: '' }), oneLine: true },
  { what: 'template title', path: () => `/admin/c/${w.community.id}/reply-templates/new`, form: (v) => ({ title: v, body: `模板正文${++n}` }), oneLine: true },
  { what: 'template body', path: () => `/admin/c/${w.community.id}/reply-templates/new`, form: (v) => ({ title: `模板${++n}`, body: v }), oneLine: false },
];

describe('one text rule for every admin name field', () => {
  it.each(fields.map((f) => [f.what, f] as const))('%s: refused with a Chinese message and nothing written, or stored as typed', async (_what, f) => {
    for (const value of cases) {
      const before = await auditRows();
      const res = await admin.post(f.path(), f.form(value));
      const label = `${f.what} ${JSON.stringify(value.slice(0, 30))}`;
      if (mustRefuse(value, f.oneLine) && !(f.optional && value.trim() === '')) {
        // NUL never reaches a field: the form reader refuses it for every form with a readable 400; a 100,000-character
        // paste is over the form size limit (413, also in Chinese) before any field is read.
        expect(res.status, label).toBe(expectedStatus(value));
        const html = await res.text();
        expect(html, label).toMatch(expectedStatus(value) === 422 ? CHINESE_ERROR : /[\u4e00-\u9fff]/);
        expect(await auditRows(), label).toBe(before);
      } else {
        expect([200, 303], label).toContain(res.status);
        expect(await auditRows(), label).toBe(before + 1);
      }
    }
  });

  it('a lone surrogate sent as raw bytes (stored as a���b before) is refused, not stored as replacement characters', async () => {
    const before = await auditRows();
    const res = await admin.request(`/admin/c/${w.community.id}/departments/new`, {
      method: 'POST', body: 'name=a%ED%A0%80b&contact=', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('无法显示的字符');
    expect(await auditRows()).toBe(before);
    const [c] = await db().select().from(communities).where(eq(communities.id, w.community.id));
    expect(c.name).not.toMatch(/[\uFFFD\u202E<]/);
  });
});

describe('the escalation reason follows the same rule (residents see it)', () => {
  it('refuses markup, controls and broken characters with 422 and writes nothing; keeps line breaks and harmless text', async () => {
    const author = await resident(db());
    for (const value of cases) {
      const item = await itemIn(db(), w, author.id);
      const res = await worker1.post(`/staff/items/${item.id}/escalate`, { version: String(item.version), reason: value });
      const label = JSON.stringify(value.slice(0, 30));
      const [row] = await db().select().from(submissions).where(eq(submissions.id, item.id));
      const events = await db().select().from(submissionEvents).where(eq(submissionEvents.submissionId, item.id));
      if (mustRefuse(value, false) || value.length > 500) {
        expect(res.status, label).toBe(expectedStatus(value));
        expect(await res.text(), label).toMatch(expectedStatus(value) === 422 ? CHINESE_ERROR : /[\u4e00-\u9fff]/);
        expect(row.tier, label).toBe(item.tier);
        expect(events, label).toHaveLength(0);
      } else {
        expect(res.status, label).toBe(200);
        expect(row.tier, label).toBe(item.tier + 1);
        expect(events.find((e) => e.kind === 'escalate')?.body, label).toBe(value.replace(/\r\n?/g, '\n').trim());
      }
    }
  });
});
