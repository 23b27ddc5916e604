// points.award through the real queue: the outcome bonus queued when a resident rates a resolved item is paid once,
// approved by the staff member who resolved it; refusals are answers (not retried); re-runs replay.
import { and, eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { jobOutbox, pointTransfers, ruleSets, submissionEvents, users } from '../../src/db/schema';
import { awardPoints } from '../../src/domain/points/award-points';
import { ruleSetBodySchema } from '../../src/domain/rules/rule-set-schema';
import type { JobContext } from '../../src/jobs/define';
import { pointsAward } from '../../src/jobs/handlers/points-award';
import { createLogger } from '../../src/logger';
import { useTestApp } from '../helpers/app';
import { ledgerInvariants } from '../helpers/points';
import { pollUntil } from '../helpers/processes';
import { demoWorld, insertItem, resident, type DemoWorld } from './me-helpers';

const t = useTestApp();
let w: DemoWorld;
let worker1: number;
beforeAll(async () => {
  w = await demoWorld(t.deps.database);
  [{ id: worker1 }] = await t.deps.db.select({ id: users.id }).from(users).where(eq(users.username, 'worker1'));
});
const ctx = (): JobContext => ({ db: t.deps.db, logger: createLogger('silent'), attempt: 1, now: () => new Date(), runtime: { redispatchLost: async () => 0 } });

/** A resolved item, resolved by worker1 (a public status event), with its base award paid. */
async function resolvedAndPaid(authorUserId: number, paid = true) {
  const item = await insertItem(t.deps.db, w, { authorUserId, status: 'resolved', description: '8栋门口的井盖松动了,已经修好' });
  await t.deps.db.insert(submissionEvents).values({ submissionId: item.id, kind: 'status', fromStatus: 'in_progress', toStatus: 'resolved', public: true, actorUserId: worker1 });
  const base = paid ? await awardPoints(t.deps.db, { communityId: w.community.id, approverUserId: worker1, contribution: { kind: 'submission', submissionId: item.id } }) : null;
  return { item, base };
}

describe('outcome bonus after rating', () => {
  it('is queued in the rating transaction and paid once by the worker, approved by the resolver', async () => {
    await t.deps.jobs.startWorkers();
    const author = await resident(t.deps.db);
    const { item, base } = await resolvedAndPaid(author.id);
    expect(base).toMatchObject({ status: 'paid' });
    const client = t.client();
    await client.signInResident(author.phone);
    const res = await client.post(`/me/submissions/${item.trackingNo}/rating`, { rating: '5', comment: '修得很快' });
    expect(res.status).toBe(303);

    const bonus = await pollUntil('the outcome bonus', async () => {
      const [row] = await t.deps.db.select().from(pointTransfers).where(eq(pointTransfers.idempotencyKey, `award:outcome:${item.id}`));
      return row;
    }, 20_000);
    const [rs] = await t.deps.db.select().from(ruleSets).where(eq(ruleSets.id, w.ruleSetId));
    const pct = ruleSetBodySchema.parse(rs.body).outcome_bonus_percent;
    expect(bonus.amount).toBe(Math.floor(((base as { amount: number }).amount * pct) / 100));
    expect(bonus.createdBy).toBe(worker1);
    expect(bonus.reason).toMatchObject({ rule: 'outcome_bonus', approverUserId: worker1 });
    const [job] = await t.deps.db.select().from(jobOutbox).where(eq(jobOutbox.dedupeKey, `award:outcome:${item.id}`));
    await pollUntil('the outbox row done', async () => (await t.deps.db.select().from(jobOutbox).where(eq(jobOutbox.id, job.id)))[0].status === 'done', 10_000);

    // Running the same job again replays: no second transfer.
    expect(await pointsAward.handler(pointsAward.payload.parse(job.payload), ctx())).toMatchObject({ status: 'paid', replayed: true, transferId: bonus.id });
    const all = await t.deps.db.select().from(pointTransfers).where(like(pointTransfers.idempotencyKey, `award:outcome:${item.id}%`));
    expect(all).toHaveLength(1);
    expect(await ledgerInvariants(t.deps.db, w.community.id)).toMatchObject({ differences: [], duplicateKeys: 0, negatives: 0 });
  });

  it('an item never resolved by staff queues nothing; one without a base award is refused, not retried', async () => {
    const author = await resident(t.deps.db);
    const bare = await insertItem(t.deps.db, w, { authorUserId: author.id, status: 'resolved' });
    const client = t.client();
    await client.signInResident(author.phone);
    expect((await client.post(`/me/submissions/${bare.trackingNo}/rating`, { rating: '4' })).status).toBe(303);
    expect(await t.deps.db.select().from(jobOutbox).where(eq(jobOutbox.dedupeKey, `award:outcome:${bare.id}`))).toHaveLength(0);

    const { item } = await resolvedAndPaid(author.id, false);
    expect((await client.post(`/me/submissions/${item.trackingNo}/rating`, { rating: '3' })).status).toBe(303);
    const done = await pollUntil('the refused job to finish', async () => {
      const [row] = await t.deps.db.select().from(jobOutbox).where(and(eq(jobOutbox.dedupeKey, `award:outcome:${item.id}`), eq(jobOutbox.status, 'done')));
      return row;
    }, 20_000);
    expect(done.attempts).toBe(1);
    expect(await t.deps.db.select().from(pointTransfers).where(eq(pointTransfers.idempotencyKey, `award:outcome:${item.id}`))).toHaveLength(0);
  });
});
