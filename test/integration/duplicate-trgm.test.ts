// Duplicate candidates through the pg_trgm index on real PostgreSQL: found among many unrelated items of the same
// place, read through the index (not by scanning the window), and on PGlite too.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../../src/db/client';
import { findProbableDuplicate } from '../../src/domain/verification/probable-duplicate';
import { query } from '../../src/domain/points/ledger-sql';
import { migrateDatabase } from '../../src/db/migrate';
import { useTestApp } from '../helpers/app';
import { demoWorld, insertItem, resident, type DemoWorld } from './me-helpers';

const t = useTestApp();
let w: DemoWorld;
let author: { id: number };
const WHAT = ['路灯晚上不亮', '垃圾桶满了', '电梯按钮失灵', '井盖松动', '水管漏水', '门禁刷不开', '楼梯扶手松了', '车棚顶漏雨'];

beforeAll(async () => {
  w = await demoWorld(t.deps.database);
  author = await resident(t.deps.db);
});

describe('findProbableDuplicate', () => {
  it('finds the one similar text among 300 unrelated ones at the same grid, through the trigram index', async () => {
    for (let i = 0; i < 300; i++) await insertItem(t.deps.db, w, { authorUserId: author.id, status: 'pending_review', description: `${WHAT[i % WHAT.length]}${i}号` , grid: 'grid1' });
    const original = await insertItem(t.deps.db, w, { authorUserId: author.id, status: 'pending_review', description: '三号楼二单元楼道里堆满了纸箱,消防通道被堵', grid: 'grid1' });
    const item = await insertItem(t.deps.db, w, { authorUserId: author.id, status: 'received', description: '三号楼二单元楼道堆满纸箱,消防通道堵住了', grid: 'grid1' });
    const found = await findProbableDuplicate(t.deps.db, item, new Date());
    expect(found?.id).toBe(original.id);
    expect(found!.score).toBeGreaterThanOrEqual(0.6);
    const unrelated = await insertItem(t.deps.db, w, { authorUserId: author.id, status: 'received', description: '小区东门的快递柜屏幕碎了', grid: 'grid1' });
    expect(await findProbableDuplicate(t.deps.db, unrelated, new Date())).toBeNull();

    // The plan reads the trigram index (seq scans off so the tiny test table cannot hide the choice).
    const plan = await t.deps.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return query<{ 'QUERY PLAN': string }>(tx, sql`explain select id from submissions where community_id = ${item.communityId} and category_key = ${item.categoryKey} and created_at >= now() - interval '14 days' and description % ${'三号楼二单元楼道堆满纸箱'}`);
    });
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('submissions_duplicate_trgm');
  });

  it('looks at the same place or the same grid, never elsewhere: a place whose grid changed, an item without a grid or place', async () => {
    const text = '五号楼门口的路灯坏了一个星期,晚上很黑';
    const original = await insertItem(t.deps.db, w, { authorUserId: author.id, status: 'pending_review', description: text, grid: 'grid1' });
    const probe = (placeId: number | null, gridId: number | null) =>
      findProbableDuplicate(t.deps.db, { id: 0, communityId: original.communityId, categoryKey: original.categoryKey, description: '五号楼门口路灯坏了一星期,晚上很黑', placeId, gridId }, new Date());
    expect((await probe(w.grid3.placeId, w.grid3.id))).toBeNull(); // another place in another grid
    expect((await probe(null, w.grid1.id))?.id).toBe(original.id); // same grid, no place
    expect((await probe(w.grid1.placeId, w.grid3.id))?.id).toBe(original.id); // same place, filed under another grid
    expect((await probe(w.grid1.placeId, null))?.id).toBe(original.id); // same place, no grid
  });

  it('works the same on PGlite (pg_trgm loaded as an extension)', async () => {
    const mem = await openMemoryDatabase();
    try {
      await migrateDatabase(mem);
      const [r] = await query<{ s: number }>(mem.db, sql`select similarity('三号楼二单元楼道里堆满了纸箱', '三号楼二单元楼道堆满纸箱') as s`);
      expect(Number(r.s)).toBeGreaterThan(0.3);
      const [idx] = await query<{ n: string }>(mem.db, sql`select count(*) as n from pg_indexes where indexname = 'submissions_duplicate_trgm'`);
      expect(Number(idx.n)).toBe(1);
    } finally {
      await mem.close();
    }
  });
});
