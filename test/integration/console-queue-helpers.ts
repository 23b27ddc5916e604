// Data for the work-queue tests: an isolated grid with its own worker inside the demo community, and items with
// every field the queue filters on set directly (the submit form and the worker are tested elsewhere).
import { randomBytes } from 'node:crypto';
import type { DbOrTx } from '../../src/db/client';
import { submissions, type SubmissionStatus } from '../../src/db/schema';
import { nextTrackingNo } from '../../src/domain/submissions/next-tracking-no';
import { makeGrid, makePlace, makeStaff } from '../helpers/builders';
import type { DemoWorld } from './me-helpers';

export interface QueueItemOpts {
  authorUserId: number;
  gridId?: number | null;
  placeId?: number | null;
  communityId?: number;
  kind?: 'tip' | 'wish';
  categoryKey?: string;
  status?: SubmissionStatus;
  policeRelated?: boolean;
  tier?: 1 | 2 | 3;
  slaDueAt?: Date | null;
  assignedUserId?: number | null;
  anonymous?: boolean;
  createdAt?: Date;
}

export async function queueItem(db: DbOrTx, w: DemoWorld, o: QueueItemOpts) {
  const kind = o.kind ?? 'tip';
  const [row] = await db
    .insert(submissions)
    .values({
      communityId: o.communityId ?? w.community.id,
      trackingNo: await nextTrackingNo(db, w.community, 2026),
      kind,
      categoryKey: o.categoryKey ?? (kind === 'tip' ? 'tip.fire_hazard' : 'wish.elderly_care'),
      ruleSetId: w.ruleSetId,
      description: '楼道堆放杂物',
      placeId: o.placeId ?? null,
      gridId: o.gridId === undefined ? w.grid1.id : o.gridId,
      authorUserId: o.authorUserId,
      anonymous: o.anonymous ?? false,
      status: o.status ?? 'pending_review',
      idempotencyKey: randomBytes(8).toString('hex'),
      policeRelated: o.policeRelated ?? false,
      tier: o.tier ?? 1,
      slaDueAt: o.slaDueAt ?? null,
      assignedUserId: o.assignedUserId ?? null,
      ...(o.createdAt ? { createdAt: o.createdAt } : {}),
    })
    .returning();
  return row;
}

/** A new grid of the demo community, a building in it, and a grid worker who covers only that grid. */
export async function isolatedGrid(db: DbOrTx, w: DemoWorld) {
  const grid = await makeGrid(db, w.community.id);
  const place = await makePlace(db, w.community.id, { gridId: grid.id, name: `${grid.name}1栋` });
  const worker = await makeStaff(db, { communityId: w.community.id, role: 'grid_worker', gridIds: [grid.id] });
  return { grid, place, worker };
}

/** Tracking numbers of the rows on a queue page, in order. */
export const rowsOf = (html: string) => [...html.matchAll(/data-item="([^"]+)"/g)].map((m) => m[1]);
