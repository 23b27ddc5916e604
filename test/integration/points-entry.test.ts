// 我的诉求 → "为什么得到这些积分": an awarded item shows its points, and the entry page explains them; others get 404.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema';
import { awardPoints } from '../../src/domain/points/award-points';
import { useTestApp } from '../helpers/app';
import { demoWorld, insertItem, resident, type DemoWorld } from './me-helpers';

const t = useTestApp();
let w: DemoWorld;
beforeAll(async () => {
  w = await demoWorld(t.deps.database);
});

describe('ledger entry page', () => {
  it('shows the award on the item and explains it; another resident gets 404', async () => {
    const author = await resident(t.deps.db);
    const item = await insertItem(t.deps.db, w, { authorUserId: author.id, status: 'accepted' });
    const [worker] = await t.deps.db.select().from(users).where(eq(users.username, 'worker1'));
    const paid = await awardPoints(t.deps.db, { communityId: w.community.id, approverUserId: worker.id, contribution: { kind: 'submission', submissionId: item.id }, amount: 40 });
    expect(paid.status).toBe('paid');

    const me = t.client();
    await me.signInResident(author.phone);
    const detail = await (await me.get(`/me/submissions/${item.trackingNo}`)).text();
    const link = /href="(\/me\/points\/\d+)"/.exec(detail)?.[1];
    expect(link).toBeDefined();
    const entry = await me.get(link!);
    expect(entry.status).toBe(200);
    const html = await entry.text();
    expect(html).toContain('+40');
    expect(html).toContain('消防隐患');
    expect(html).toContain('激励规则 v1');
    expect(html).toContain('网格员');
    expect(html).toContain(item.trackingNo);
    expect(html).not.toContain('张伟'); // the approver is named by role only

    const other = t.client();
    await other.signInResident((await resident(t.deps.db, '李四')).phone);
    expect((await other.get(link!)).status).toBe(404);
    for (const bad of ['abc', '-1', '1;select 1', '999999999999']) expect((await me.get(`/me/points/${encodeURIComponent(bad)}`)).status).toBe(404);
  });
});
