// Shared data for the 我的诉求 / 消息 / 心愿墙 tests: the demo community and items inserted directly (the submit form is tested elsewhere).
import { randomBytes, randomInt } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../src/db/client';
import { communities, grids, places, ruleSets, submissions, type SubmissionStatus } from '../../src/db/schema';
import { seedDemo } from '../../src/cli/seed-data/demo';
import { nextTrackingNo } from '../../src/domain/submissions/next-tracking-no';
import { makeResident } from '../helpers/builders';

export const DEMO_PASSWORD = 'anlin-demo-2026';

export interface DemoWorld {
  community: { id: number; trackingPrefix: string; name: string };
  ruleSetId: number;
  /** worker1 covers grids …001 and …002; …003 is worker2's. */
  grid1: { id: number; placeId: number };
  grid3: { id: number; placeId: number };
}

export async function demoWorld(database: Database): Promise<DemoWorld> {
  await seedDemo(database, { residents: 0 });
  const db = database.db;
  const [community] = await db.select().from(communities).where(eq(communities.code, '510105017003'));
  const [rules] = await db.select().from(ruleSets).where(eq(ruleSets.communityId, community.id));
  const gridAt = async (code: string) => {
    const [g] = await db.select().from(grids).where(eq(grids.code, code));
    const [p] = await db.select().from(places).where(and(eq(places.gridId, g.id), eq(places.kind, 'building'))).limit(1);
    return { id: g.id, placeId: p.id };
  };
  return { community, ruleSetId: rules.id, grid1: await gridAt('510105017003001'), grid3: await gridAt('510105017003003') };
}

export const residentPhone = () => `17${String(randomInt(1e9)).padStart(9, '0')}`;

export async function resident(db: DbOrTx, displayName = '张三丰') {
  const phone = residentPhone();
  const user = await makeResident(db, { phone, displayName });
  return { ...user, phone };
}

export async function insertItem(
  db: DbOrTx,
  w: DemoWorld,
  opts: {
    authorUserId: number;
    kind?: 'tip' | 'wish';
    status?: SubmissionStatus;
    description?: string;
    grid?: 'grid1' | 'grid3';
    publicWish?: boolean;
    anonymous?: boolean;
    resolvedAt?: Date | null;
    rating?: number | null;
    createdAt?: Date;
  },
) {
  const kind = opts.kind ?? 'tip';
  const grid = w[opts.grid ?? 'grid1'];
  const trackingNo = await nextTrackingNo(db, w.community, 2026);
  const [row] = await db
    .insert(submissions)
    .values({
      communityId: w.community.id,
      trackingNo,
      kind,
      categoryKey: kind === 'tip' ? 'tip.fire_hazard' : 'wish.elderly_care',
      ruleSetId: w.ruleSetId,
      description: opts.description ?? (kind === 'tip' ? '3栋楼道有电瓶车飞线充电' : '想请邻居帮忙陪老人去医院复查'),
      placeId: grid.placeId,
      gridId: grid.id,
      authorUserId: opts.authorUserId,
      anonymous: opts.anonymous ?? false,
      status: opts.status ?? 'pending_review',
      publicWish: opts.publicWish ?? false,
      idempotencyKey: randomBytes(8).toString('hex'),
      resolvedAt: opts.resolvedAt ?? (opts.status === 'resolved' ? new Date() : null),
      rating: opts.rating ?? null,
      ...(opts.createdAt ? { createdAt: opts.createdAt, updatedAt: opts.createdAt } : {}),
    })
    .returning();
  return row;
}
