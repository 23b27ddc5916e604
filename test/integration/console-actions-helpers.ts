// Shared by the console-actions tests: the demo community, items in a given category, and ledger/audit reads.
import { and, eq, like, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../src/db/client';
import { auditLog, pointAccounts, pointTransfers, submissions } from '../../src/db/schema';
import type { TestClient } from '../helpers/app';
import { DEMO_PASSWORD, insertItem, type DemoWorld } from './me-helpers';

export async function itemIn(db: DbOrTx, w: DemoWorld, authorUserId: number, opts: { categoryKey?: string; grid?: 'grid1' | 'grid3'; suggestedPoints?: number } = {}) {
  const row = await insertItem(db, w, { authorUserId, grid: opts.grid });
  const [s] = await db
    .update(submissions)
    .set({ categoryKey: opts.categoryKey ?? 'tip.fire_hazard', suggestedPoints: opts.suggestedPoints ?? null })
    .where(eq(submissions.id, row.id))
    .returning();
  return s;
}

export async function current(db: DbOrTx, id: number) {
  const [s] = await db.select().from(submissions).where(eq(submissions.id, id));
  return s;
}

export async function balanceOf(db: DbOrTx, userId: number): Promise<number> {
  const [a] = await db.select({ b: pointAccounts.balance }).from(pointAccounts).where(and(eq(pointAccounts.ownerUserId, userId), eq(pointAccounts.kind, 'resident')));
  return a ? Number(a.b) : 0;
}

export async function transfersFor(db: DbOrTx, keyPrefix: string) {
  return db.select().from(pointTransfers).where(like(pointTransfers.idempotencyKey, `${keyPrefix}%`));
}

export async function auditCount(db: DbOrTx, action: string, targetId: number | string) {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.targetId, String(targetId))));
  return Number(r.n);
}

export async function staff(client: TestClient, username: string) {
  const res = await client.signInStaff(username, DEMO_PASSWORD);
  if (res.status !== 303) throw new Error(`staff sign-in ${username}: ${res.status}`);
  return client;
}
