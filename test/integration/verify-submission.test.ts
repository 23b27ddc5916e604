// submission.verify against real Postgres: police routing, resolve deadline, probable-duplicate note, idempotent.
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { notifications, ruleSets, submissionEvents, submissions } from '../../src/db/schema';
import { query } from '../../src/domain/points/ledger-sql';
import { ruleSetBodySchema } from '../../src/domain/rules/rule-set-schema';
import { ruleSetBody, ruleSetBodyFromRead } from '../../src/domain/rules/rule-set-body';
import { resolveDue } from '../../src/domain/submissions/status';
import type { JobContext } from '../../src/jobs/define';
import { verifySubmission } from '../../src/jobs/handlers/verify-submission';
import { createLogger } from '../../src/logger';
import { useTestApp } from '../helpers/app';
import { demoWorld, insertItem, resident, type DemoWorld } from './me-helpers';

const t = useTestApp();
let w: DemoWorld;
let author: { id: number };
beforeAll(async () => {
  w = await demoWorld(t.deps.database);
  author = await resident(t.deps.db);
});

const ctx = (): JobContext => ({ db: t.deps.db, logger: createLogger('silent'), attempt: 1, now: () => new Date(), runtime: { redispatchLost: async () => 0 } });
const verify = (id: number) => verifySubmission.handler({ submissionId: id }, ctx());

async function received(description: string, opts: { categoryKey?: string; grid?: 'grid1' | 'grid3' } = {}) {
  const row = await insertItem(t.deps.db, w, { authorUserId: author.id, status: 'received', description, grid: opts.grid });
  if (opts.categoryKey) await t.deps.db.update(submissions).set({ categoryKey: opts.categoryKey }).where(eq(submissions.id, row.id));
  return row;
}
const load = async (id: number) => (await t.deps.db.select().from(submissions).where(eq(submissions.id, id)))[0];
const events = (id: number) => t.deps.db.select().from(submissionEvents).where(eq(submissionEvents.submissionId, id));
const notes = async (id: number) => (await events(id)).filter((e) => e.kind === 'note');

describe('police routing', () => {
  it('flags an item whose category is a police category', async () => {
    const item = await received('单元门口最近总有陌生人徘徊张望', { categoryKey: 'tip.suspicious', grid: 'grid3' });
    await verify(item.id);
    const after = await load(item.id);
    expect(after.status).toBe('pending_review');
    expect(after.policeRelated).toBe(true);
  });

  it('flags a police keyword in a non-police category', async () => {
    const item = await received('地下车库有人半夜聚众赌博还吵闹', { grid: 'grid3' });
    await verify(item.id);
    expect((await load(item.id)).policeRelated).toBe(true);
  });

  it('leaves ordinary text alone', async () => {
    const item = await received('五号楼消防通道被纸箱堵住了', { grid: 'grid3' });
    await verify(item.id);
    expect((await load(item.id)).policeRelated).toBe(false);
  });
});

describe('resolve deadline', () => {
  it('sets slaDueAt from the tier-1 resolve hours', async () => {
    const item = await received('七号楼灭火器过期很久没换', { grid: 'grid3' });
    await verify(item.id);
    const [rs] = await t.deps.db.select().from(ruleSets).where(eq(ruleSets.id, w.ruleSetId));
    const after = await load(item.id);
    expect(after.slaDueAt?.getTime()).toBe(resolveDue(ruleSetBodySchema.parse(rs.body), after.createdAt, 1).getTime());
  });
});

describe('probable duplicates', () => {
  it('notes a near-duplicate privately and not a different one; running twice adds nothing', async () => {
    const original = await insertItem(t.deps.db, w, { authorUserId: author.id, status: 'pending_review', description: '12栋一单元楼道有电瓶车飞线充电' });
    const dup = await received('12栋一单元楼道里有电瓶车在飞线充电!');
    const other = await received('小区东门的配电箱柜门坏了敞开着');

    expect(await verify(dup.id)).toMatchObject({ moved: true, duplicateOf: original.trackingNo });
    await verify(other.id);

    const [note] = await notes(dup.id);
    expect(note.public).toBe(false);
    expect(note.body).toMatch(new RegExp(`^可能重复:${original.trackingNo}\\(相似度 (0\\.\\d\\d|1\\.00)\\)$`));
    expect(await notes(other.id)).toHaveLength(0);

    const countEvents = async () => (await events(dup.id)).length;
    const countNotifications = async () =>
      (await t.deps.db.select().from(notifications).where(and(eq(notifications.userId, author.id), eq(notifications.title, dup.trackingNo)))).length;
    const beforeEvents = await countEvents();
    const beforeNotifications = await countNotifications();
    const beforeRow = await load(dup.id);
    expect(beforeNotifications).toBe(1);

    expect(await verify(dup.id)).toEqual({ moved: false });
    expect(await countEvents()).toBe(beforeEvents);
    expect(await notes(dup.id)).toHaveLength(1);
    expect(await countNotifications()).toBe(beforeNotifications);
    expect(await load(dup.id)).toEqual(beforeRow);
  });
});

describe('two statements, no lock held between them', () => {
  const statusEvents = async (id: number) => (await events(id)).filter((e) => e.kind === 'status');
  const inbox = async (trackingNo: string) =>
    (await t.deps.db.select().from(notifications).where(and(eq(notifications.userId, author.id), eq(notifications.title, trackingNo)))).length;

  it('twelve racing runs of one item move it once: one status event, one inbox message, one duplicate note', async () => {
    await insertItem(t.deps.db, w, { authorUserId: author.id, status: 'pending_review', description: '9栋二单元电梯按钮失灵按了没反应' });
    const item = await received('9栋二单元电梯按钮失灵,按了没有反应');
    const results = await Promise.all(Array.from({ length: 12 }, () => verify(item.id)));
    expect(results.filter((r) => (r as { moved: boolean }).moved)).toHaveLength(1);
    expect((await load(item.id)).status).toBe('pending_review');
    expect(await statusEvents(item.id)).toHaveLength(1);
    expect(await notes(item.id)).toHaveLength(1);
    expect(await inbox(item.trackingNo)).toBe(1);
  });

  it('an item changed after it was read is judged again on its new text (the stale write applies nothing)', async () => {
    const item = await received('11栋楼下的路灯坏了晚上很黑');
    const client = t.deps.db;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let changed!: () => void;
    const updated = new Promise<void>((r) => (changed = r));
    // Another writer changes the item (new text, new version) and holds its row lock while the verification runs.
    const writer = client.transaction(async (tx) => {
      await tx.update(submissions).set({ description: '啊啊啊啊啊啊啊啊', version: sql`${submissions.version} + 1` }).where(eq(submissions.id, item.id));
      changed();
      await held;
    });
    await updated;
    const run = verify(item.id);
    // The verification read the old version (the change is not committed; reads do not wait) and its write now waits
    // for the row lock.
    let blocked = false;
    for (let i = 0; i < 500 && !blocked; i++) {
      const [r] = await query<{ n: string }>(client, sql`select count(*) as n from pg_stat_activity where wait_event_type = 'Lock' and query like 'with u as%'`);
      blocked = Number(r.n) > 0;
      if (!blocked) await new Promise((res) => setTimeout(res, 10));
    }
    expect(blocked).toBe(true);
    release();
    await writer;
    expect(await run).toMatchObject({ moved: true, refused: 'garbage' });
    const after = await load(item.id);
    expect(after.status).toBe('rejected');
    expect(after.autoRefusal).toBe('garbage');
    expect(await statusEvents(item.id)).toHaveLength(1);
    expect(await inbox(item.trackingNo)).toBe(1);
  });
});

describe('rule set bodies cached by stamp', () => {
  it('a body neither sent nor cached under the stamp read is read again, not guessed', async () => {
    const body = await ruleSetBody(t.deps.db, w.ruleSetId);
    expect(body?.categories.length).toBeGreaterThan(0);
    const [rs] = await query<{ stamp: string }>(t.deps.db, sql`select created_at::text as stamp from rule_sets where id = ${w.ruleSetId}`);
    expect(await ruleSetBodyFromRead(t.deps.db, w.ruleSetId, rs.stamp, null)).toBe(body); // cached: no read
    // Stamps sent, no body back, and meanwhile the cache holds another database's rule set of this id: read again.
    const again = await ruleSetBodyFromRead(t.deps.db, w.ruleSetId, `${rs.stamp}-another-database`, null);
    expect(again).toEqual(body);
    expect(again).not.toBe(body);
  });
});
