// The demo community (清源社区) with its staff and synthetic residents: used by `npm run seed` and by the embedded first start.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StaffRole } from '../../db/schema';
import type { Database } from '../../db/client';
import { isEmpty } from '../../db/migrate';
import { DEMO_STAFF_PASSWORD, importCommunity, parseFixture, type CommunityFixture } from '../../domain/places/import-demo-community';
import { importRuleSet } from '../../domain/rules/import-rule-set';
import { generateResidents } from '../../domain/places/generate-residents';
import { importFixtureQrCodes } from '../../domain/qr/import-fixture-qr-codes';
import { seedConsoleDefaults } from '../../domain/departments/seed-console-defaults';
import { seedDemoPatrols } from './demo-patrols';
import { seedDemoActivity } from './demo-activity';
import { seedDemoNotices } from './demo-notices';
import { seedDemoRewards } from './demo-rewards';

export { DEMO_STAFF_PASSWORD };

export interface DemoLogin {
  username: string;
  name: string;
  roles: StaffRole[];
  password: string;
}

/** Read at call time rather than imported, so the JSON stays a plain data file that non-developers can edit. */
export function loadDemoFixture(): CommunityFixture & Record<string, unknown> {
  const file = fileURLToPath(new URL('./demo-community.json', import.meta.url));
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return { ...raw, ...parseFixture(raw) };
}

/**
 * Imports the demo community, its QR codes, its incentive rules (version 1) and `residents` synthetic residents (default: the fixture's figure) into a migrated database.
 * Returns the staff logins, or an empty list when the database already holds a community (nothing is changed then).
 */
export async function seedDemo(database: Database, opts: { residents?: number; seed?: number; activity?: boolean } = {}): Promise<DemoLogin[]> {
  if (!(await isEmpty(database))) return [];
  const fixture = loadDemoFixture();
  const { communityId, staff } = await importCommunity(database.db, fixture, { staffPassword: () => DEMO_STAFF_PASSWORD });
  const residents = opts.residents ?? fixture.residents?.generate ?? 0;
  await generateResidents(database.db, { communityId, count: residents, seed: opts.seed ?? 2026 });
  // Posters around the community: one code per fixture entry, each with a fresh random code.
  await importFixtureQrCodes(database.db, communityId, fixture.qr_codes);
  const rules = fixture.incentive_rules as { effective_from: string };
  await importRuleSet(database.db, { communityId, effectiveFrom: rules.effective_from, body: rules });
  // Departments items are routed to and the reply templates staff start from (staff console).
  await seedConsoleDefaults(database.db, communityId);
  // Demo mode only: a lived-in last month (items in every status and tier, wishes, points, a mediation), see demo-activity.ts.
  if (opts.activity) {
    await seedDemoActivity(database, { seed: opts.seed });
    // The 积分超市 catalog and a few past redemptions (demo flag, like the month: on at the embedded first start).
    await seedDemoRewards(database.db, { communityId, redemptions: true });
    // Announcements and the report rollups last: they read the month the lines above wrote.
    await seedDemoNotices(database);
    // Teams, a nightly patrol over the checkpoints, an activity this week and a month of attendance.
    await seedDemoPatrols(database, { seed: opts.seed });
  }
  return staff.map((s) => ({ ...s, password: DEMO_STAFF_PASSWORD }));
}
