// Rule-set admin against real PostgreSQL: scope, list/view/compare, saving version max+1 (audited, immutable, race-safe),
// refusals that write nothing, and the preview replaying last month's real awards (hand-computed X and Y).
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, communities, pointTransfers, ruleSets, users } from '../../src/db/schema';
import { seedDemo } from '../../src/cli/seed-data/demo';
import { closeQrScanCache } from '../../src/domain/qr/scan-cache';
import { awardPoints } from '../../src/domain/points/award-points';
import { openRuleSetEditor } from '../../src/domain/rules/open-rule-set-editor';
import { lastMonth, previewRuleSet } from '../../src/domain/rules/preview-rule-set';
import { saveRuleSet } from '../../src/domain/rules/save-rule-set';
import { loadStaffScope, type StaffScope } from '../../src/domain/auth/staff-scope';
import { useTestApp, type TestClient } from '../helpers/app';
import { badInputs } from '../helpers/bad-inputs';
import { makeCommunity, makeResident, makeStaff } from '../helpers/builders';
import { demoRules, makeRuleSet, makeSubmission } from '../helpers/points';
import { qrByKey } from '../helpers/report';

const t = useTestApp();
const TZ = 'Asia/Shanghai';
let admin: TestClient;
let adminId: number;
let adminScope: StaffScope;
let a: { id: number }; // the admin's community, with last month's awards
let b: { id: number }; // someone else's
let bVersion: number;

const idx = (key: string) => demoRules().categories.findIndex((c) => c.key === key);
const FIRE = idx('tip.fire_hazard');
const ENV = idx('wish.environment');
/** The draft the preview tests use: fire hazard 10–50 (default 40), wish.environment removed, day cap 100, second approver above 90. */
const draftEdits = {
  [`cat.${FIRE}.max`]: '50', [`cat.${FIRE}.default`]: '40', [`cat.${ENV}.remove`]: 'on', 'caps.per_resident_per_day': '100', second_approver_above: '90',
};

const versionsOf = async (cid: number) => (await t.deps.db.select({ v: ruleSets.version }).from(ruleSets).where(eq(ruleSets.communityId, cid))).map((r) => r.v).sort((x, y) => x - y);
const auditCount = async (cid: number) => (await t.deps.db.select().from(auditLog).where(and(eq(auditLog.communityId, cid), eq(auditLog.action, 'rules.create')))).length;
const editorForm = async (cid = a.id) => (await openRuleSetEditor(t.deps.db, adminScope, { communityId: cid, timeZone: TZ })).form;

beforeAll(async () => {
  const db = t.deps.db;
  // The demo community first (seedDemo does nothing once a community exists): the hint tests at the end use its QR codes.
  await seedDemo(t.deps.database, { residents: 0 });
  a = await makeCommunity(db, { name: '甲社区' });
  b = await makeCommunity(db, { name: '乙社区' });
  const ruleSet = await makeRuleSet(db, a.id);
  bVersion = (await makeRuleSet(db, b.id)).version;
  const s = await makeStaff(db, { communityId: a.id, role: 'community_admin' });
  adminId = s.user.id;
  adminScope = await loadStaffScope(db, adminId);
  admin = t.client();
  expect((await admin.signInStaff(s.username, s.password)).status).toBe(303);

  // Last calendar month's awards, paid through the real ledger under v1 (fire 10–100 default 30, clue 50–500, wish 5):
  //  r1 fire 80 (day 2) · r2 fire default 30 (day 3) · r1 clue 150 (day 5) · r3 wish 5 (day 6) · r1 outcome bonus 20% of 150 = 30 (day 7)
  //  Y = 80 + 30 + 150 + 5 + 30 = 295. A clue of 60 paid this month is not last month's.
  const approver = (await makeStaff(db, { communityId: a.id, role: 'grid_worker' })).user;
  const [r1, r2, r3] = [await makeResident(db), await makeResident(db), await makeResident(db)];
  const month = lastMonth(new Date(), TZ);
  const day = (n: number) => new Date(month.start.getTime() + (n - 1) * 86_400_000 + 3 * 3_600_000);
  const item = (author: number, categoryKey: string, extra: object = {}) => makeSubmission(db, { communityId: a.id, authorUserId: author, ruleSetId: ruleSet.id, categoryKey, ...extra });
  const pay = async (submissionId: number, at: Date, amount?: number, kind: 'submission' | 'outcome_bonus' = 'submission') => {
    const r = await awardPoints(db, { communityId: a.id, approverUserId: approver.id, contribution: { kind, submissionId }, amount, now: at, timeZone: TZ });
    expect(r.status).toBe('paid');
  };
  await pay((await item(r1.id, 'tip.fire_hazard')).id, day(2), 80);
  await pay((await item(r2.id, 'tip.fire_hazard')).id, day(3));
  const clue = await item(r1.id, 'tip.case_clue', { status: 'resolved', rating: 5 });
  await pay(clue.id, day(5), 150);
  await pay((await item(r3.id, 'wish.environment')).id, day(6));
  await pay(clue.id, day(7), undefined, 'outcome_bonus');
  await pay((await item(r2.id, 'tip.case_clue')).id, new Date(), 60);
});

describe('access', () => {
  it('anonymous visitors go to sign-in, other staff get 403', async () => {
    expect((await t.client().get('/admin/rules')).status).toBe(303);
    const w = await makeStaff(t.deps.db, { communityId: a.id, role: 'grid_worker' });
    const worker = t.client();
    await worker.signInStaff(w.username, w.password);
    for (const path of ['/admin/rules', '/admin/rules/1', '/admin/rules/new']) expect((await worker.get(path)).status).toBe(403);
    expect((await worker.post('/admin/rules/new', { from: '1', latest: '1' })).status).toBe(403);
  });

  it("another community's rules and junk versions read as not found", async () => {
    for (const path of [
      `/admin/rules?community=${b.id}`,
      `/admin/rules/${bVersion}?community=${b.id}`,
      `/admin/rules/new?community=${b.id}`,
      `/admin/rules/compare?community=${b.id}&a=1&b=1`,
      `/admin/rules/99999?community=${a.id}`,
      `/admin/rules/compare?community=${a.id}&a=1&b=abc`,
      `/admin/rules/new?community=${a.id}&from=1%3Bselect%201`,
      '/admin/rules?community=1%20OR%201%3D1',
      ...badInputs.ids.map((id) => `/admin/rules/${encodeURIComponent(id)}?community=${a.id}`),
    ]) {
      expect((await admin.get(path)).status, path).toBe(404);
    }
    const before = await versionsOf(b.id);
    const form = { ...(await editorForm()), from: '1', latest: '1' };
    expect((await admin.post(`/admin/rules/new?community=${b.id}`, form)).status).toBe(404);
    expect((await admin.post(`/admin/rules/new?community=${a.id}`, { ...form, from: 'x' })).status).toBe(404);
    expect(await versionsOf(b.id)).toEqual(before);
  });
});

describe('view and list', () => {
  it('lists versions with the current one marked and shows a version in full', async () => {
    const list = await (await admin.get(`/admin/rules?community=${a.id}`)).text();
    expect(list).toMatch(/data-version="1"[\s\S]*正在使用/);
    const page = await (await admin.get(`/admin/rules/1?community=${a.id}`)).text();
    expect(page).toContain('激励规则 第 1 版');
    expect(page).toMatch(/data-category="tip.case_clue"[\s\S]*?案件线索[\s\S]*?50–500[\s\S]*?100[\s\S]*?是/);
    for (const s of ['每人每日上限(分)', '超过此分数需第二人审批', '每月奖励经费(分)', '50000', '夜间倍数', '1.5', '有效期(月)', '24', '首次答复(小时)']) {
      expect(page).toContain(s);
    }
    const home = await (await admin.get('/admin')).text();
    expect(home).toContain(`/admin/rules?community=${a.id}`);
  });
});

describe('preview', () => {
  it('replays last month under a draft: hand-computed X and Y, Y equal to the real sum', async () => {
    // Draft: r1 fire 80 → clamped 50 · r2 fire default → 40 · r1 clue 150 → day cap 100 (and above the 90 threshold)
    //        · r3 wish.environment → category removed, 0 · outcome bonus 20% of the replayed 100 → 20.  X = 50 + 40 + 100 + 0 + 20 = 210.
    const editor = await openRuleSetEditor(t.deps.db, adminScope, { communityId: a.id, timeZone: TZ });
    const draft = demoRules();
    Object.assign(draft.categories[FIRE], { max: 50, default: 40 });
    draft.categories.splice(ENV, 1);
    draft.caps.per_resident_per_day = 100;
    draft.second_approver_above = 90;
    const p = await previewRuleSet(t.deps.db, { communityId: a.id, draft, base: editor.from.body, timeZone: TZ });
    const month = lastMonth(new Date(), TZ);
    const [{ real }] = await t.deps.db
      .select({ real: sql<string>`sum(${pointTransfers.amount})` })
      .from(pointTransfers)
      .where(and(eq(pointTransfers.communityId, a.id), eq(pointTransfers.kind, 'award'), sql`${pointTransfers.createdAt} >= ${month.start.toISOString()} and ${pointTransfers.createdAt} < ${month.end.toISOString()}`));
    expect(Number(real)).toBe(295);
    expect(p).toMatchObject({ period: month.period, count: 5, actual: 295, draft: 210, refused: 1, needsSecondApprover: 1, kept: 0 });
    const line = (rule: string) => p.lines.find((l) => l.rule === rule);
    expect(line('category:tip.fire_hazard')).toMatchObject({ label: '消防隐患(飞线充电、楼道堆物、电瓶车进楼)', count: 2, actual: 110, draft: 90 });
    expect(line('category:tip.case_clue')).toMatchObject({ count: 1, actual: 150, draft: 100 });
    expect(line('category:wish.environment')).toMatchObject({ label: '环境卫生', count: 1, actual: 5, draft: 0, refused: 1 });
    expect(line('outcome_bonus')).toMatchObject({ count: 1, actual: 30, draft: 20 });
  });

  it('the 预览 button shows the sentence, keeps the values, writes nothing; htmx gets only the form', async () => {
    const before = { versions: await versionsOf(a.id), audits: await auditCount(a.id) };
    const form = { ...(await editorForm()), ...draftEdits, action: 'preview' };
    const res = await admin.post(`/admin/rules/new?community=${a.id}`, form);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('按此版本,上月将发放 210 分(实际发放 295 分),共 5 笔');
    expect(html).toContain('其中 1 笔按此版本不会发放');
    expect(html).toMatch(new RegExp(`name="cat\\.${FIRE}\\.max"[^>]*value="50"`));
    expect(html).toMatch(/<!doctype html>/i);
    const partial = await (await admin.post(`/admin/rules/new?community=${a.id}`, form, { 'HX-Request': 'true', 'HX-Request-Type': 'partial' })).text();
    expect(partial.startsWith('<form id="rules-form"')).toBe(true);
    expect(partial).toContain('实际发放 295 分');
    expect({ versions: await versionsOf(a.id), audits: await auditCount(a.id) }).toEqual(before);
  });

  it('a preview of an invalid draft shows the field errors instead', async () => {
    const res = await admin.post(`/admin/rules/new?community=${a.id}`, { ...(await editorForm()), [`cat.${FIRE}.min`]: '90', [`cat.${FIRE}.max`]: '20', action: 'preview' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('最低分(90)不能高于最高分(20)。');
    expect(html).not.toContain('按此版本');
  });
});

describe('refusals write nothing', () => {
  const cases: [string, Record<string, string>, string][] = [
    ['min > max', { [`cat.${FIRE}.min`]: '200', [`cat.${FIRE}.max`]: '100' }, '最低分(200)不能高于最高分(100)。'],
    ['unknown category', { [`cat.${FIRE}.key`]: 'tip.made_up' }, '未知类别「tip.made_up」'],
    ['date in the past', { effective_from: '2020-01-01' }, '生效日期不能早于今天'],
    ['negative points', { 'budget.points': '-1' }, '请填写整数。'],
  ];
  it.each(cases)('%s → 422 with the Chinese message, values kept', async (_name, edit, message) => {
    const before = { versions: await versionsOf(a.id), audits: await auditCount(a.id) };
    const res = await admin.post(`/admin/rules/new?community=${a.id}`, { ...(await editorForm()), ...edit, action: 'save' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(message);
    expect(html).toContain('表单填写有误,请按提示修改。');
    for (const [k, v] of Object.entries(edit)) expect(html).toMatch(new RegExp(`name="${k.replace(/\./g, '\\.')}"[^>]*value="${v}"`));
    expect({ versions: await versionsOf(a.id), audits: await auditCount(a.id) }).toEqual(before);
  });

  it('hostile text in a label is stored and shown as text', async () => {
    const xss = badInputs.text[0].value;
    const res = await admin.post(`/admin/rules/new?community=${a.id}`, { ...(await editorForm()), [`cat.${FIRE}.label`]: xss, [`cat.${FIRE}.min`]: 'x', action: 'save' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).not.toContain(xss);
    expect(html).toContain('&lt;script&gt;');
  });
});

describe('save', () => {
  it('stores version max+1 with the date and creator, audited; the old version is untouched', async () => {
    const v1 = (await t.deps.db.select().from(ruleSets).where(and(eq(ruleSets.communityId, a.id), eq(ruleSets.version, 1))))[0];
    const res = await admin.post(`/admin/rules/new?community=${a.id}`, { ...(await editorForm()), ...draftEdits, action: 'save' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/rules?community=${a.id}&saved=2`);
    const [v2] = await t.deps.db.select().from(ruleSets).where(and(eq(ruleSets.communityId, a.id), eq(ruleSets.version, 2)));
    expect(v2.createdBy).toBe(adminId);
    const body = v2.body as ReturnType<typeof demoRules>;
    expect(body.categories.find((c) => c.key === 'tip.fire_hazard')).toMatchObject({ min: 10, default: 40, max: 50 });
    expect(body.categories.some((c) => c.key === 'wish.environment')).toBe(false);
    expect((await t.deps.db.select().from(ruleSets).where(eq(ruleSets.id, v1.id)))[0]).toEqual(v1);
    const [audit] = await t.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'rules.create'), eq(auditLog.targetId, String(v2.id))));
    expect(audit.actorUserId).toBe(adminId);
    expect(audit.before).toMatchObject({ version: 1 });
    expect(audit.after).toMatchObject({ version: 2, effectiveFrom: v2.effectiveFrom });
    const list = await (await admin.get(`/admin/rules?community=${a.id}&saved=2`)).text();
    expect(list).toContain(`已保存第 2 版,${v2.effectiveFrom} 起生效。`);
  });

  it('compare shows only the changed fields, with the count of the rest', async () => {
    const html = await (await admin.get(`/admin/rules/compare?community=${a.id}&a=1&b=2`)).text();
    expect(html).toContain('第 1 版与第 2 版的差别');
    expect(html).toMatch(/data-field="category.max:tip.fire_hazard"[\s\S]*?100[\s\S]*?50/);
    expect(html).toContain('data-field="category:wish.environment"');
    expect(html).toContain('data-field="caps.per_resident_per_day"');
    expect(html).not.toContain('data-field="budget.points"');
    const changed = Number(/(\d+) 项不同/.exec(html)![1]);
    const same = Number(/另有 (\d+) 项相同/.exec(html)![1]);
    expect(changed).toBe((html.match(/data-field=/g) ?? []).length);
    expect(same).toBeGreaterThan(20);
  });

  it('a form opened before another save is refused as stale (409), nothing written', async () => {
    const stale = { ...(await editorForm()), latest: '1', action: 'save' };
    const before = await versionsOf(a.id);
    const res = await admin.post(`/admin/rules/new?community=${a.id}`, stale);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('规则刚被其他管理员修改(现在是第 2 版)');
    expect(await versionsOf(a.id)).toEqual(before);
  });

  it('concurrent saves on real PostgreSQL: exactly one wins per starting version, versions stay unique', async () => {
    const form = await editorForm();
    const latest = Number(form.latest);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        saveRuleSet(t.deps.db, { actorId: adminId, scope: adminScope, communityId: a.id, form: { ...form, second_approver_above: String(100 + i) }, timeZone: TZ }),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    expect((won[0] as PromiseFulfilledResult<{ version: number }>).value.version).toBe(latest + 1);
    for (const r of results.filter((x) => x.status === 'rejected')) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict' });
    // And saves that each start from the newest version all land, as consecutive distinct versions.
    const made = await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (;;) {
          const f = await editorForm();
          try {
            return (await saveRuleSet(t.deps.db, { actorId: adminId, scope: adminScope, communityId: a.id, form: f, timeZone: TZ })).version;
          } catch (err) {
            if ((err as { code?: string }).code !== 'conflict') throw err;
          }
        }
      }),
    );
    expect(made.sort((x, y) => x - y)).toEqual([latest + 2, latest + 3, latest + 4, latest + 5]);
    const versions = await versionsOf(a.id);
    expect(new Set(versions).size).toBe(versions.length);
    expect(versions).toEqual(Array.from({ length: latest + 5 }, (_, i) => i + 1));
    expect(await auditCount(a.id)).toBe(latest + 4);
  });
});

describe('hints and several new categories (demo community)', () => {
  let demo: { id: number };
  let demoAdmin: TestClient;
  let demoScope: StaffScope;
  beforeAll(async () => {
    [demo] = await t.deps.db.select({ id: communities.id }).from(communities).where(eq(communities.code, '510105017003'));
    const [u] = await t.deps.db.select({ id: users.id }).from(users).where(eq(users.username, 'admin'));
    demoScope = await loadStaffScope(t.deps.db, u.id);
    demoAdmin = t.client();
    expect((await demoAdmin.signInStaff('admin', 'anlin-demo-2026')).status).toBe(303);
  });
  afterAll(() => closeQrScanCache(t.deps));

  it('再添加一个类别 re-renders with the values kept and one more empty row; nothing is saved', async () => {
    const before = await versionsOf(demo.id);
    const form = { ...(await openRuleSetEditor(t.deps.db, demoScope, { communityId: demo.id, timeZone: TZ })).form,
      'new.kind': 'tip', 'new.key': 'noise', 'new.label': '噪音扰民', add: 'category' };
    const page = await demoAdmin.post(`/admin/rules/new?community=${demo.id}`, form);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<!doctype html>/i);
    expect(html).toMatch(/name="new\.label"[^>]*value="噪音扰民"/);
    expect(html).toMatch(/name="new\.1\.key"[^>]*value=""/);
    expect(html).not.toContain('name="new.2.key"');
    expect(html).toContain('新增类别 2(不需要可不填)');
    expect(html).not.toContain('表单填写有误');
    const partial = await (await demoAdmin.post(`/admin/rules/new?community=${demo.id}`, { ...form, 'new.1.key': '' }, { 'HX-Request': 'true', 'HX-Request-Type': 'partial' })).text();
    expect(partial.startsWith('<form id="rules-form"')).toBe(true);
    expect(partial).toMatch(/name="new\.2\.key"[^>]*value=""/);
    expect(await versionsOf(demo.id)).toEqual(before);
  });

  it('saves an edited hint and two new categories; the report form then shows them', async () => {
    const lobby = await qrByKey(t.deps.db, 'cy1-b1-lobby');
    const oldForm = await (await t.client().get(`/report/new?qr=${lobby.code}&kind=tip`)).text();
    expect(oldForm).toContain('飞线充电、楼道堆物、电瓶车进楼等');

    const editor = await openRuleSetEditor(t.deps.db, demoScope, { communityId: demo.id, timeZone: TZ });
    const fire = editor.from.body.categories.findIndex((c) => c.key === 'tip.fire_hazard');
    const clue = editor.from.body.categories.findIndex((c) => c.key === 'tip.case_clue');
    const edits = {
      [`cat.${fire}.hint`]: '电动车进楼道、飞线充电、堵塞消防通道',
      [`cat.${clue}.hint`]: '',
      'new.kind': 'tip', 'new.key': 'noise', 'new.label': '噪音扰民', 'new.hint': '夜间施工、广场舞音响过大', 'new.min': '5', 'new.default': '10', 'new.max': '30',
      'new.1.kind': 'wish', 'new.1.key': 'pets', 'new.1.label': '文明养宠', 'new.1.hint': '', 'new.1.min': '0', 'new.1.default': '5', 'new.1.max': '20', 'new.1.police': 'on',
      'new.2.kind': '', 'new.2.key': '', 'new.2.label': '', 'new.2.hint': '', 'new.2.min': '', 'new.2.default': '', 'new.2.max': '',
    };
    const res = await demoAdmin.post(`/admin/rules/new?community=${demo.id}`, { ...editor.form, ...edits, action: 'save' });
    expect(res.status).toBe(303);
    const version = editor.from.version + 1;
    const [row] = await t.deps.db.select().from(ruleSets).where(and(eq(ruleSets.communityId, demo.id), eq(ruleSets.version, version)));
    const body = row.body as ReturnType<typeof demoRules>;
    const base = editor.from.body.categories;
    expect(body.categories).toHaveLength(base.length + 2);
    expect(body.categories[fire]).toEqual({ ...base[fire], hint: '电动车进楼道、飞线充电、堵塞消防通道' });
    expect(body.categories[clue]).not.toHaveProperty('hint');
    expect(body.categories.slice(base.length)).toEqual([
      { key: 'tip.noise', kind: 'tip', label: '噪音扰民', hint: '夜间施工、广场舞音响过大', min: 5, default: 10, max: 30, police: false },
      { key: 'wish.pets', kind: 'wish', label: '文明养宠', min: 0, default: 5, max: 20, police: true },
    ]);
    // Everything else is carried over unchanged.
    expect({ ...body, categories: [] }).toEqual({ ...editor.from.body, categories: [] });

    const form = await (await t.client().get(`/report/new?qr=${lobby.code}&kind=tip`)).text();
    expect(form).toMatch(/value="tip\.fire_hazard"[\s\S]*?电动车进楼道、飞线充电、堵塞消防通道/);
    expect(form).not.toContain('飞线充电、楼道堆物、电瓶车进楼等');
    expect(form).toMatch(/value="tip\.noise"[\s\S]*?噪音扰民[\s\S]*?夜间施工、广场舞音响过大/);
    expect(form).toMatch(/value="wish\.pets"[\s\S]*?文明养宠/);
    expect(form).not.toContain('民警会核实,信息严格保密');
  });

  it('two new categories with the same key are refused on the second row, values kept, nothing saved', async () => {
    const before = await versionsOf(demo.id);
    const form = { ...(await openRuleSetEditor(t.deps.db, demoScope, { communityId: demo.id, timeZone: TZ })).form,
      'new.kind': 'wish', 'new.key': 'garden', 'new.label': '花园', 'new.min': '1', 'new.default': '1', 'new.max': '1',
      'new.1.kind': 'wish', 'new.1.key': 'garden', 'new.1.label': '花园二', 'new.1.min': '1', 'new.1.default': '1', 'new.1.max': '1', action: 'save' };
    const res = await demoAdmin.post(`/admin/rules/new?community=${demo.id}`, form);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('类别「wish.garden」重复了,每个类别只能出现一次。');
    expect(html).toMatch(/name="new\.1\.label"[^>]*value="花园二"/);
    expect(await versionsOf(demo.id)).toEqual(before);
  });
});
