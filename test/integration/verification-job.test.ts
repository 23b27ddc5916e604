// submission.verify's new checks against real Postgres: abuse refusals (garbage text, too many in an hour) with a public
// explanation and no points; suggested points; probable duplicate columns; the whole job idempotent.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { notifications, pointTransfers, ruleSets, submissionEvents, submissions } from '../../src/db/schema';
import { ruleSetBodySchema } from '../../src/domain/rules/rule-set-schema';
import { MAX_ITEMS_PER_HOUR } from '../../src/domain/verification/resident-burst';
import type { JobContext } from '../../src/jobs/define';
import { verifySubmission } from '../../src/jobs/handlers/verify-submission';
import { createLogger } from '../../src/logger';
import { useTestApp } from '../helpers/app';
import { demoWorld, insertItem, resident, type DemoWorld } from './me-helpers';

const t = useTestApp();
let w: DemoWorld;
beforeAll(async () => {
  w = await demoWorld(t.deps.database);
});

const ctx = (): JobContext => ({ db: t.deps.db, logger: createLogger('silent'), attempt: 1, now: () => new Date(), runtime: { redispatchLost: async () => 0 } });
const verify = (id: number) => verifySubmission.handler({ submissionId: id }, ctx());
const load = async (id: number) => (await t.deps.db.select().from(submissions).where(eq(submissions.id, id)))[0];
const events = (id: number) => t.deps.db.select().from(submissionEvents).where(eq(submissionEvents.submissionId, id)).orderBy(submissionEvents.id);
const received = (authorUserId: number, description: string, createdAt?: Date) =>
  insertItem(t.deps.db, w, { authorUserId, status: 'received', description, createdAt });

/** Everything a re-run could touch, to compare before and after. */
async function snapshot(id: number, userId: number) {
  return {
    row: await load(id),
    events: await events(id),
    notifications: (await t.deps.db.select().from(notifications).where(eq(notifications.userId, userId))).length,
    transfers: (await t.deps.db.select().from(pointTransfers)).length,
  };
}

describe('garbage text', () => {
  it.each([['啊啊啊啊啊啊'], ['asdfghjkl'], ['12345678'], ['！！！？？？。。。']])('refuses %s with a public explanation and no points', async (text) => {
    const author = await resident(t.deps.db);
    const item = await received(author.id, text);
    expect(await verify(item.id)).toMatchObject({ moved: true, refused: 'garbage' });
    const after = await load(item.id);
    expect(after).toMatchObject({ status: 'rejected', autoRefusal: 'garbage', suggestedPoints: null, slaDueAt: null });
    const [status] = (await events(item.id)).filter((e) => e.kind === 'status');
    expect(status).toMatchObject({ public: true, toStatus: 'rejected', actorUserId: null });
    expect(status.body).toMatch(/未能识别/);
    const [n] = await t.deps.db.select().from(notifications).where(eq(notifications.userId, author.id));
    expect(n).toMatchObject({ kind: 'status.rejected', title: item.trackingNo });
    expect(n.body).toBe(status.body);
    expect(await t.deps.db.select().from(pointTransfers)).toHaveLength(0);
  });

  it('takes real short Chinese reports, with suggested points = the category default', async () => {
    const author = await resident(t.deps.db);
    const item = await received(author.id, '3号楼楼道灯坏了');
    expect(await verify(item.id)).toMatchObject({ moved: true, policeRelated: false });
    const [rs] = await t.deps.db.select().from(ruleSets).where(eq(ruleSets.id, w.ruleSetId));
    const fire = ruleSetBodySchema.parse(rs.body).categories.find((c) => c.key === 'tip.fire_hazard')!;
    expect(await load(item.id)).toMatchObject({ status: 'pending_review', autoRefusal: null, suggestedPoints: fire.default });
    expect(fire.default).toBeGreaterThan(0);
  });
});

describe('too many items in one hour', () => {
  it(`takes ${MAX_ITEMS_PER_HOUR} in an hour and refuses the next, whatever order the jobs run in; an hour later is fine`, async () => {
    const author = await resident(t.deps.db);
    const base = Date.now() - 50 * 60_000;
    const items = [];
    for (let i = 0; i <= MAX_ITEMS_PER_HOUR; i++) items.push(await received(author.id, `第${i + 1}处:${['路灯', '井盖', '电梯', '门禁', '水管', '垃圾桶', '秋千', '监控', '围栏', '消防栓', '车棚'][i]}坏了需要维修`, new Date(base + i * 60_000)));
    // Verified newest first: the count goes by creation time, not by which job ran first.
    for (const item of [...items].reverse()) await verify(item.id);
    const rows = await Promise.all(items.map((i) => load(i.id)));
    expect(rows.slice(0, MAX_ITEMS_PER_HOUR).every((r) => r.status === 'pending_review' && r.autoRefusal === null)).toBe(true);
    const last = rows[MAX_ITEMS_PER_HOUR];
    expect(last).toMatchObject({ status: 'rejected', autoRefusal: 'too_many' });
    const [status] = (await events(last.id)).filter((e) => e.kind === 'status');
    expect(status.body).toContain(`超过 ${MAX_ITEMS_PER_HOUR} 条`);

    // 61 minutes after the first item, the window has moved on.
    const later = await received(author.id, '小区北门的栏杆被车撞弯了', new Date(base + 61 * 60_000 + MAX_ITEMS_PER_HOUR * 60_000));
    await verify(later.id);
    expect((await load(later.id)).status).toBe('pending_review');
  });
});

describe('probable duplicate and idempotency', () => {
  it('sets the duplicate columns and the private note; a second run changes nothing', async () => {
    const a = await resident(t.deps.db);
    const b = await resident(t.deps.db);
    const original = await insertItem(t.deps.db, w, { authorUserId: a.id, status: 'pending_review', description: '9栋二单元门口的路灯不亮了' });
    const dup = await received(b.id, '９栋  二单元门口路灯不亮了！');
    const res = await verify(dup.id);
    expect(res).toMatchObject({ moved: true, duplicateOf: original.trackingNo });
    const after = await load(dup.id);
    expect(after.probableDuplicateOfId).toBe(original.id);
    expect(after.probableDuplicateScore).toBeGreaterThanOrEqual(0.6);
    expect(after.probableDuplicateScore).toBeLessThanOrEqual(1);
    const notes = (await events(dup.id)).filter((e) => e.kind === 'note');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ public: false, body: `可能重复:${original.trackingNo}(相似度 ${after.probableDuplicateScore!.toFixed(2)})` });

    const before = await snapshot(dup.id, b.id);
    expect(await verify(dup.id)).toEqual({ moved: false });
    expect(await snapshot(dup.id, b.id)).toEqual(before);
  });

  it('a refused item stays refused on a second run, with nothing added', async () => {
    const author = await resident(t.deps.db);
    const item = await received(author.id, 'qwertyuiop');
    await verify(item.id);
    const before = await snapshot(item.id, author.id);
    expect(before.row.status).toBe('rejected');
    expect(await verify(item.id)).toEqual({ moved: false });
    expect(await snapshot(item.id, author.id)).toEqual(before);
  });
});
