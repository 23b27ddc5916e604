// Must show: all 62 demo QR codes print through `npm run qr:posters`; every poster PNG, read by zbarimg, yields a URL that
// opens the right place page in Chromium on a 360 px phone.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/cli/seed-data/demo';
import { listPosterCodes } from '../../src/domain/qr/list-poster-codes';
import { launchBrowser, newPhonePage, screenshot } from '../helpers/browser';
import { useServer } from '../helpers/server';

const server = useServer();
let browser: Browser;
let out: string;

beforeAll(async () => {
  await seedDemo(server.db.database, { residents: 0 });
  browser = await launchBrowser();
  out = await mkdtemp(path.join(tmpdir(), 'anlin-posters-'));
});
afterAll(async () => {
  await browser?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

/** The CLI as an operator runs it, against the e2e server's database, with the server's address as BASE_URL. */
function runCli(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: server.db.url, BASE_URL: server.url, LOG_LEVEL: 'warn' };
    for (const k of Object.keys(env)) if (k.startsWith('VITEST')) delete env[k];
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/qr-posters.ts', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

const zbar = async (file: string) => (await promisify(execFile)('zbarimg', ['--raw', '-q', file])).stdout.trim();

describe('demo posters', () => {
  it('prints all 62, each decodes to BASE_URL/q/CODE and opens its place page', async () => {
    const items = await listPosterCodes(server.db.database.db, { baseUrl: server.url, communityCode: '510105017003' });
    expect(items).toHaveLength(62);

    const started = Date.now();
    const cli = await runCli(['--out', out, '--community', '510105017003']);
    expect(cli.code, cli.output).toBe(0);
    console.log(`qr:posters for 62 codes: ${((Date.now() - started) / 1000).toFixed(1)} s (incl. process start) — ${cli.output.trim()}`);
    const files = await readdir(out);
    expect(files.filter((f) => /^poster-[2-9A-HJKMNP-Z]{13}\.pdf$/.test(f))).toHaveLength(62);
    expect(files).toEqual(expect.arrayContaining(['sheet-4-510105017003.pdf', 'sheet-8-510105017003.pdf']));

    // An independent decoder reads every PNG; four at a time keeps two cores busy while zbarimg waits on I/O.
    const decoded = new Map<string, string>();
    const queue = [...items];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let p = queue.shift(); p; p = queue.shift()) decoded.set(p.code, await zbar(path.join(out, `poster-${p.code}.png`)));
      }),
    );
    for (const p of items) expect(decoded.get(p.code), p.label).toBe(`${server.url}/q/${p.code}`);

    const { page, errors, close } = await newPhonePage(browser, server.url);
    const shot = new Set<string>();
    for (const p of items) {
      const res = await page.goto(decoded.get(p.code)!);
      expect(res?.status(), p.label).toBe(200);
      expect(await page.locator('h1').textContent()).toBe(p.label);
      const where = await page.locator('.scan-place').textContent();
      expect(where).toBe(['清源社区', ...p.place].join(' › '));
      if (!shot.has(p.purpose)) {
        shot.add(p.purpose);
        await screenshot(page, `qr-scan-${p.purpose}`);
      }
    }
    expect(errors).toEqual([]);
    await close();
  }, 240_000);
});
