// Arguments of `npm run qr:posters`: --out is required, --community is a 12-digit code, --sheet picks 4 or 8 (default both).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkEmbeddedDatabase, databaseSource, parsePosterArgs } from '../../src/cli/qr-posters';
import { parseConfig } from '../../src/config';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('parsePosterArgs', () => {
  it('reads --out, --community and --sheet', () => {
    expect(parsePosterArgs(['--out', 'dist/posters'])).toEqual({ out: 'dist/posters', community: undefined, sheets: [4, 8] });
    expect(parsePosterArgs(['--out', 'x', '--community', '510105017003', '--sheet', '8'])).toEqual({ out: 'x', community: '510105017003', sheets: [8] });
  });

  it('explains what is wrong in Chinese and English', () => {
    expect(() => parsePosterArgs([])).toThrow(/--out/);
    expect(() => parsePosterArgs(['--out', 'x', '--community', "1' OR '1'='1"])).toThrow(/12 位社区编码/);
    expect(() => parsePosterArgs(['--out', 'x', '--sheet', '6'])).toThrow(/4 或 8/);
    expect(() => parsePosterArgs(['--out', 'x', '--bogus'])).toThrow(/参数无效/);
  });
});

// Issue 9 item 16: without DATA_DIR the CLI created an empty ./data under whatever directory it ran in and reported "no active
// QR codes". The default is now the project's data/ (what `npm start` uses), whatever the working directory.
describe('the posters CLI finds the database npm start uses', () => {
  it('defaults DATA_DIR to the project data directory, not the working directory', () => {
    const before = process.cwd();
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'anlin-cwd-'));
    try {
      process.chdir(elsewhere);
      const config = parseConfig({});
      expect(path.resolve(config.DATA_DIR)).toBe(path.join(repoRoot, 'data'));
      expect(databaseSource(config)).toContain(path.join(repoRoot, 'data', 'pglite'));
    } finally {
      process.chdir(before);
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('keeps an explicit DATA_DIR', () => {
    expect(parseConfig({ DATA_DIR: '/srv/anlin' }).DATA_DIR).toBe('/srv/anlin');
  });

  it('refuses a missing embedded database, naming where it looked, and creates nothing', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'anlin-data-'));
    try {
      const dataDir = path.join(root, 'data');
      expect(() => checkEmbeddedDatabase({ DATA_DIR: dataDir })).toThrow(/npm start/);
      expect(() => checkEmbeddedDatabase({ DATA_DIR: dataDir })).toThrow(path.join(dataDir, 'pglite'));
      expect(existsSync(dataDir)).toBe(false);
      mkdirSync(path.join(dataDir, 'pglite'), { recursive: true });
      expect(() => checkEmbeddedDatabase({ DATA_DIR: dataDir })).not.toThrow();
      // With DATABASE_URL the data directory does not matter.
      expect(() => checkEmbeddedDatabase({ DATA_DIR: path.join(root, 'nope'), DATABASE_URL: 'postgres://u:secret@db:5432/anlin' })).not.toThrow();
      expect(databaseSource({ DATA_DIR: 'x', DATABASE_URL: 'postgres://u:secret@db:5432/anlin' })).toBe('DATABASE_URL db:5432');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
