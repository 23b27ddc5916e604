// /admin/ledger on a phone-sized Chromium against the real server (web + worker): 立即对账 runs through the queue and
// the page shows the corrupted account; no console or CSP errors; tap targets ≥ 44 px.
import { and, eq, sql } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communities, pointAccounts, ruleSets, submissions, users } from '../../src/db/schema';
import { seedDemo } from '../../src/cli/seed-data/demo';
import { awardPoints } from '../../src/domain/points/award-points';
import { launchBrowser, newPhonePage, screenshot, signInStaffPage } from '../helpers/browser';
import { makeResident } from '../helpers/builders';
import { useServer } from '../helpers/server';

const server = useServer();
let browser: Browser;
beforeAll(async () => {
  await seedDemo(server.db.database, { residents: 0 });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('admin ledger page', () => {
  it('reconcile now → the difference is listed', async () => {
    const db = server.db.database.db;
    const [community] = await db.select().from(communities).limit(1);
    const [rules] = await db.select().from(ruleSets).where(eq(ruleSets.communityId, community.id));
    const [worker1] = await db.select().from(users).where(eq(users.username, 'worker1'));
    const author = await makeResident(db);
    const [item] = await db
      .insert(submissions)
      .values({ communityId: community.id, trackingNo: 'E2E-LEDGER-1', kind: 'tip', categoryKey: 'tip.fire_hazard', ruleSetId: rules.id, description: '楼道里堆满了杂物', authorUserId: author.id, status: 'accepted', idempotencyKey: 'e2e-ledger' })
      .returning();
    await awardPoints(db, { communityId: community.id, approverUserId: worker1.id, contribution: { kind: 'submission', submissionId: item.id } });
    const [acct] = await db.select().from(pointAccounts).where(and(eq(pointAccounts.kind, 'resident'), eq(pointAccounts.ownerUserId, author.id)));
    await db.execute(sql`update point_accounts set balance = balance + 5 where id = ${acct.id}`);

    const { page, errors, close } = await newPhonePage(browser, server.url);
    try {
      await signInStaffPage(page, 'admin');
      await page.goto('/admin/ledger');
      await screenshot(page, 'ledger-empty');
      const button = page.getByRole('button', { name: '立即对账' });
      expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(44);
      await button.click();
      await page.waitForURL(/done=queued/);
      await expect
        .poll(async () => {
          await page.goto('/admin/ledger');
          return page.locator(`#ledger-differences li[data-account="${acct.id}"]`).count();
        }, { timeout: 30_000, interval: 500 })
        .toBe(1);
      await screenshot(page, 'ledger-differences');
      expect(await page.locator('.form-error').textContent()).toContain('发现 1 个账户');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
