// The demo's lived-in month (src/cli/seed-data/demo-activity.ts) on PGlite, the database `npm start` uses by default:
// every status and tier, a dispute settled at tier 1, points that reconcile, history that lies in the past, and a
// second run that writes nothing. Two clocks (morning and late evening in Shanghai) must tell the same month.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, gt, isNull, sql } from 'drizzle-orm';
import { openMemoryDatabase, type Database } from '../../src/db/client';
import { migrateDatabase } from '../../src/db/migrate';
import { auditLog, jobOutbox, notifications, pointTransfers, submissionEvents, submissions, users, wishOffers } from '../../src/db/schema';
import { seedDemo } from '../../src/cli/seed-data/demo';
import { demoShowcaseResident, seedDemoActivity } from '../../src/cli/seed-data/demo-activity';
import { reconcileLedger } from '../../src/domain/points/reconcile-ledger';

const MORNING = new Date('2026-11-20T02:00:00Z'); // 10:00 in Shanghai
const LATE = new Date('2026-11-20T15:30:00Z'); // 23:30 in Shanghai

/** status → tier → count, as the month is written (see the story in demo-activity.ts). */
const EXPECTED = {
  pending_review: { 1: 3, 2: 2, 3: 1 },
  accepted: { 1: 1, 2: 1, 3: 1 },
  routed: { 2: 1 },
  in_progress: { 2: 1, 3: 2 },
  resolved: { 1: 14, 2: 3 },
  rejected: { 1: 2 },
  duplicate: { 1: 1 },
};

async function statusTiers(database: Database) {
  const rows = await database.db.select({ status: submissions.status, tier: submissions.tier, n: count() }).from(submissions).groupBy(submissions.status, submissions.tier);
  const out: Record<string, Record<number, number>> = {};
  for (const r of rows) (out[r.status] ??= {})[r.tier] = Number(r.n);
  return out;
}

async function seeded(now: Date) {
  const database = await openMemoryDatabase();
  await migrateDatabase(database);
  // What seedDemo does with the demo flag on (activity: true), with a fixed clock: the community, then the month.
  await seedDemo(database, { residents: 60 });
  const result = await seedDemoActivity(database, { now });
  return { database, result };
}

let lite: Database;
let first: Awaited<ReturnType<typeof seedDemoActivity>>;

beforeAll(async () => {
  ({ database: lite, result: first } = await seeded(MORNING));
}, 180_000);

afterAll(async () => {
  await lite?.close();
});

describe('demo activity', () => {
  it('writes items in every status and tier', async () => {
    expect(first.seeded).toBe(true);
    expect(first.items).toBe(33);
    expect(await statusTiers(lite)).toEqual(EXPECTED);
    const [police] = await lite.db.select({ n: count() }).from(submissions).where(eq(submissions.policeRelated, true));
    expect(police.n).toBe(6);
    const [anonymous] = await lite.db.select({ n: count() }).from(submissions).where(eq(submissions.anonymous, true));
    expect(anonymous.n).toBe(2);
    // The verify job refused the keyboard mash on its own (no staff member involved).
    const [auto] = await lite.db.select({ n: count() }).from(submissions).where(eq(submissions.autoRefusal, 'garbage'));
    expect(auto.n).toBe(1);
  });

  it('settles one dispute by a resident mediator at tier 1 (credited) and one at tier 2', async () => {
    const settled = await lite.db
      .select({ tier: submissions.settledTier, status: submissions.status, mediator: users.kind })
      .from(submissions)
      .innerJoin(users, eq(users.id, submissions.mediatorUserId))
      .orderBy(submissions.settledTier);
    expect(settled).toEqual([
      { tier: 1, status: 'resolved', mediator: 'resident' },
      { tier: 2, status: 'resolved', mediator: 'staff' },
    ]);
    const [credit] = await lite.db.select({ n: count() }).from(pointTransfers).where(sql`${pointTransfers.idempotencyKey} like 'award:mediation:%'`);
    expect(credit.n).toBe(1);
  });

  it('has public wishes with a helper accepted and a wish fulfilled', async () => {
    const offers = await lite.db.select({ status: wishOffers.status, n: count() }).from(wishOffers).groupBy(wishOffers.status).orderBy(wishOffers.status);
    expect(offers).toEqual([
      { status: 'offered', n: 2 },
      { status: 'accepted', n: 1 },
      { status: 'fulfilled', n: 1 },
    ].sort((a, b) => a.status.localeCompare(b.status)));
    const [wall] = await lite.db.select({ n: count() }).from(submissions).where(and(eq(submissions.kind, 'wish'), eq(submissions.publicWish, true)));
    expect(wall.n).toBe(5);
  });

  it('pays through the ledger: every award audited, nightly reconciliation finds no difference', async () => {
    const [awards] = await lite.db.select({ n: count() }).from(pointTransfers).where(eq(pointTransfers.kind, 'award'));
    const [audits] = await lite.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'points.award'));
    expect(awards.n).toBeGreaterThanOrEqual(20);
    expect(audits.n).toBe(awards.n);
    const report = await reconcileLedger(lite.db, { now: MORNING });
    expect(report.differences).toEqual([]);
    // One award waits for a grid leader (above the second-approval threshold).
    const pending = await lite.db.execute(sql`select count(*)::int as n from point_award_requests where status = 'pending'`);
    expect(((pending as unknown as { rows: { n: number }[] }).rows ?? pending)[0]).toMatchObject({ n: 1 });
  });

  it('lies in the past month: timeline, inbox, audit and ledger rows are backdated, jobs done', async () => {
    const monthAgo = new Date(MORNING.getTime() - 31 * 86400_000);
    for (const [table, column] of [
      [submissionEvents, submissionEvents.createdAt],
      [notifications, notifications.createdAt],
      [auditLog, auditLog.at],
      [pointTransfers, pointTransfers.createdAt],
      [wishOffers, wishOffers.createdAt],
    ] as const) {
      const [row] = await lite.db.select({ lo: sql<string>`min(${column})`, hi: sql<string>`max(${column})` }).from(table);
      expect(new Date(row.hi).getTime()).toBeLessThan(MORNING.getTime());
      // Staff and the ledger were set up at import (real time); the month's own rows start a month back.
      if (table !== auditLog && table !== pointTransfers) expect(new Date(row.lo).getTime()).toBeGreaterThan(monthAgo.getTime());
    }
    const [pending] = await lite.db.select({ n: count() }).from(jobOutbox).where(eq(jobOutbox.status, 'pending'));
    expect(pending.n).toBe(0);
  });

  it('gives the showcase resident history: items, points, an inbox with unread messages', async () => {
    expect(first.showcase?.phone).toMatch(/^199\d{8}$/);
    expect(await demoShowcaseResident(lite.db)).toEqual(first.showcase);
    const [u] = await lite.db.select({ id: users.id }).from(users).where(eq(users.phone, first.showcase!.phone));
    const [items] = await lite.db.select({ n: count() }).from(submissions).where(eq(submissions.authorUserId, u.id));
    expect(items.n).toBe(3);
    const [unread] = await lite.db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, u.id), isNull(notifications.readAt)));
    const [all] = await lite.db.select({ n: count() }).from(notifications).where(eq(notifications.userId, u.id));
    expect(unread.n).toBeGreaterThan(0);
    expect(all.n).toBeGreaterThan(unread.n);
    const [helped] = await lite.db.select({ n: count() }).from(wishOffers).where(and(eq(wishOffers.helperUserId, u.id), eq(wishOffers.status, 'fulfilled')));
    expect(helped.n).toBe(1);
    const [paid] = await lite.db.select({ n: count() }).from(pointTransfers).where(and(eq(pointTransfers.kind, 'award'), gt(pointTransfers.amount, 0), sql`${pointTransfers.toAccountId} in (select id from point_accounts where owner_user_id = ${u.id})`));
    expect(paid.n).toBe(4); // accepted tip, its outcome bonus, the wish fulfilment, the open accepted tip
  });

  it('a second run writes nothing', async () => {
    const before = await statusTiers(lite);
    expect(await seedDemo(lite, { activity: true })).toEqual([]);
    const again = await seedDemoActivity(lite, { now: MORNING });
    expect(again.seeded).toBe(false);
    expect(again.showcase).toEqual(first.showcase);
    expect(await statusTiers(lite)).toEqual(before);
  });

  it('tells the same month whatever the hour of the start', { timeout: 180_000 }, async () => {
    const { database, result } = await seeded(LATE);
    try {
      expect(result.items).toBe(33);
      expect(await statusTiers(database)).toEqual(EXPECTED);
      expect((await reconcileLedger(database.db, { now: LATE })).differences).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
