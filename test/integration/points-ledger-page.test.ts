// 我的积分: balance, points held for redemptions, expiring soon, and entries (+/−, reason, link); one's own only; empty state.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { pointAccounts, pointLots, users } from '../../src/db/schema';
import { awardPoints } from '../../src/domain/points/award-points';
import { holdPoints } from '../../src/domain/points/hold-points';
import { useTestApp } from '../helpers/app';
import { demoWorld, insertItem, resident, type DemoWorld } from './me-helpers';

const t = useTestApp();
let w: DemoWorld;
beforeAll(async () => {
  w = await demoWorld(t.deps.database);
});

describe('resident ledger page', () => {
  it('shows balance, pending, expiring and entries newest first, each linking to its entry page', async () => {
    const author = await resident(t.deps.db);
    const [worker] = await t.deps.db.select().from(users).where(eq(users.username, 'worker1'));
    const item = await insertItem(t.deps.db, w, { authorUserId: author.id, status: 'accepted' });
    const paid = await awardPoints(t.deps.db, { communityId: w.community.id, approverUserId: worker.id, contribution: { kind: 'submission', submissionId: item.id }, amount: 40 });
    expect(paid.status).toBe('paid');
    const hold = await holdPoints(t.deps.db, { communityId: w.community.id, userId: author.id, amount: 15, idempotencyKey: `hold:test:${author.id}`, reason: { type: 'redemption', id: 1 } });
    const [acct] = await t.deps.db.select().from(pointAccounts).where(and(eq(pointAccounts.ownerUserId, author.id), eq(pointAccounts.kind, 'resident')));
    await t.deps.db.update(pointLots).set({ expiresAt: new Date(Date.now() + 10 * 86_400_000) }).where(eq(pointLots.accountId, acct.id));

    const me = t.client();
    await me.signInResident(author.phone);
    const res = await me.get('/me/points');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('我的积分');
    expect(html).toContain('data-balance="25"');
    expect(html).toContain('data-pending="15"');
    expect(html).toContain('data-expiring="25"');
    expect(html).toContain('30 天内到期');
    const links = [...html.matchAll(/href="\/me\/points\/(\d+)"/g)].map((m) => Number(m[1]));
    expect(links).toEqual([hold.transferId, expect.any(Number)]); // newest first
    expect(html).toContain('−15');
    expect(html).toContain('兑换礼品,积分冻结中');
    expect(html).toContain('+40');
    expect(html).toContain('消防隐患');
    expect(html).toMatch(/\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/);
    expect((await me.get(`/me/points/${links[1]}`)).status).toBe(200);
    expect((await me.get('/me/points?page=abc')).status).toBe(200);
    expect(await (await me.get('/account')).text()).toContain('href="/me/points"');

    const other = t.client();
    await other.signInResident((await resident(t.deps.db, '李四')).phone);
    const theirs = await (await other.get('/me/points')).text();
    expect(theirs).toContain('data-balance="0"');
    expect(theirs).not.toContain(`/me/points/${hold.transferId}`);
    expect(theirs).toContain('你还没有积分记录');
    expect(theirs).toContain('提交线索、参加巡逻');
  });

  it('needs a signed-in user', async () => {
    const res = await t.client().get('/me/points');
    expect(res.status).not.toBe(200);
  });
});
