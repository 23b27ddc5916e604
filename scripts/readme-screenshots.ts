// `npm run screenshots`: runs the e2e tests that walk the main story in Chromium at 360×740 (they save full-page
// screens to test-results/screens/), then keeps the first phone screen of a few of them in .readme/ for the README.
// Needs what `npm test` needs (PostgreSQL, Redis, Chromium).
import { spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

const ROOT = path.resolve(import.meta.dirname, '..');
const SCREENS = path.join(ROOT, 'test-results', 'screens');
const OUT = path.join(ROOT, '.readme');

/** README picture ← the test's screen. Adding one here means adding it to README.md too. */
const PICTURES: Record<string, string> = {
  'scan-page': 'scan-landing',
  'tip-form': 'report-form',
  'receipt': 'report-receipt',
  'staff-item': 'staff-item-open',
  'staff-queue-search': 'console-queue-360-search',
  'wish-wall': 'wishes-wall-signed-out',
};

const TESTS = ['test/e2e/submission-flow.test.ts', 'test/e2e/staff-item.test.ts', 'test/e2e/console-queue.test.ts', 'test/e2e/wishes-flow.test.ts'];

const run = spawnSync('npx', ['vitest', 'run', ...TESTS], { cwd: ROOT, stdio: 'inherit' });
if (run.status !== 0) {
  console.error('截图失败:端到端测试没有通过 / the e2e tests failed, screenshots not updated');
  process.exit(run.status ?? 1);
}

await mkdir(OUT, { recursive: true });
for (const [name, screen] of Object.entries(PICTURES)) {
  const src = path.join(SCREENS, `${screen}.png`);
  const { width = 0, height = 0 } = await sharp(src).metadata();
  // Screens are taken at device scale 2: the first 740 CSS px are what a phone shows before scrolling.
  const top = Math.min(height, Math.round((width / 360) * 740));
  await sharp(src).extract({ left: 0, top: 0, width, height: top }).resize({ width: 360 }).png({ compressionLevel: 9, palette: true }).toFile(path.join(OUT, `${name}.png`));
  console.log(`.readme/${name}.png ← ${screen}`);
}
