// The demo's 积分超市 (src/cli/seed-data/demo-rewards.ts) on PGlite, as `npm start` seeds it after the demo month:
// the catalog a newcomer sees, past redemptions through the real use cases, everything reconciled, a re-run a no-op.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openMemoryDatabase, type Database } from '../../src/db/client';
import { migrateDatabase } from '../../src/db/migrate';
import { communities, rewardItems, rewardSessions, rewardVouchers } from '../../src/db/schema';
import { seedDemo } from '../../src/cli/seed-data/demo';
import { seedDemoActivity } from '../../src/cli/seed-data/demo-activity';
import { seedDemoRewards } from '../../src/cli/seed-data/demo-rewards';
import { reconcileLedger } from '../../src/domain/points/reconcile-ledger';
import { listCatalog } from '../../src/domain/rewards/list-catalog';

let lite: Database;
let communityId: number;
let result: Awaited<ReturnType<typeof seedDemoRewards>>;

beforeAll(async () => {
  lite = await openMemoryDatabase();
  await migrateDatabase(lite);
  await seedDemo(lite, { residents: 60 });
  await seedDemoActivity(lite, {});
  [{ id: communityId }] = await lite.db.select({ id: communities.id }).from(communities);
  result = await seedDemoRewards(lite.db, { communityId, redemptions: true });
}, 180_000);

afterAll(async () => {
  await lite?.close();
});

describe('demo 积分超市', () => {
  it('has everyday goods and courses with sessions ahead, one sold out', async () => {
    const items = await lite.db.select().from(rewardItems).where(eq(rewardItems.communityId, communityId));
    expect(items.map((i) => i.name)).toEqual(expect.arrayContaining(['大米 5 kg', '食用油 5 L', '洗衣液 2 kg', '书法课', '智能手机使用课', '少儿编程']));
    expect(items.some((i) => i.stock === 0)).toBe(true);
    const sessions = await lite.db.select().from(rewardSessions);
    expect(sessions.length).toBeGreaterThanOrEqual(6);
    expect(sessions.every((s) => s.startsAt > new Date())).toBe(true);
    const catalog = await listCatalog(lite.db, { communityId, userId: null });
    expect(catalog.others.length).toBe(7);
  });

  it('has past redemptions in several states, and the ledger and stock reconcile', async () => {
    expect(result.redemptions).toBeGreaterThanOrEqual(3);
    const statuses = (await lite.db.select().from(rewardVouchers)).map((v) => v.status);
    expect(statuses).toEqual(expect.arrayContaining(['handed_over', 'pending', 'cancelled']));
    expect((await reconcileLedger(lite.db, {})).differences).toEqual([]);
  });

  it('a second run writes nothing', async () => {
    expect(await seedDemoRewards(lite.db, { communityId, redemptions: true })).toEqual({ items: 0, redemptions: 0 });
  });
});
