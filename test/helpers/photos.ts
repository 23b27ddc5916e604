// Photo test helpers: a submission row to attach photos to, a throwaway photo store, and synthetic images made with sharp.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { DbOrTx } from '../../src/db/client';
import { submissions } from '../../src/db/schema';
import { loadDemoFixture } from '../../src/cli/seed-data/demo';
import { importRuleSet } from '../../src/domain/rules/import-rule-set';
import { localPhotoStorage } from '../../src/infra/photo-storage';

export async function makeRuleSet(db: DbOrTx, communityId: number) {
  return importRuleSet(db, { communityId, effectiveFrom: '2026-01-01', body: loadDemoFixture().incentive_rules });
}

export async function makeSubmission(db: DbOrTx, opts: { communityId: number; ruleSetId: number; authorUserId: number; gridId?: number | null }) {
  const tag = randomBytes(5).toString('hex');
  const [row] = await db
    .insert(submissions)
    .values({
      communityId: opts.communityId,
      ruleSetId: opts.ruleSetId,
      authorUserId: opts.authorUserId,
      gridId: opts.gridId ?? null,
      trackingNo: `T-${tag}`,
      kind: 'tip',
      categoryKey: 'tip.suspicious',
      description: '测试用线索',
      idempotencyKey: tag,
    })
    .returning();
  return row;
}

/** A photo store in its own temp folder, with a way to count what it holds. */
export async function tempPhotoStore() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'anlin-photos-'));
  return {
    dir,
    storage: localPhotoStorage(dir),
    files: async () => (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A photo-like JPEG: noise at a tenth of the size, scaled up, so it has detail yet compresses like a camera picture. */
export async function syntheticJpeg(width: number, height: number, opts: { orientation?: number; quality?: number } = {}) {
  const w = Math.max(1, Math.round(width / 10));
  const h = Math.max(1, Math.round(height / 10));
  const img = sharp(randomBytes(w * h * 3), { raw: { width: w, height: h, channels: 3 } })
    .resize(width, height, { fit: 'fill' })
    .jpeg({ quality: opts.quality ?? 90 });
  return opts.orientation ? img.withMetadata({ orientation: opts.orientation }).toBuffer() : img.toBuffer();
}

/** The tag ids in an EXIF block's GPS IFD (empty when there is none): enough to prove GPS is present or gone. */
export function exifGpsTags(exif: Buffer | undefined): number[] {
  if (!exif || exif.length < 14) return [];
  const tiff = exif.subarray(exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? 6 : 0);
  const le = tiff.subarray(0, 2).toString('latin1') === 'II';
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const entries = (ifd: number) => Array.from({ length: u16(ifd) }, (_, i) => ({ tag: u16(ifd + 2 + i * 12), value: u32(ifd + 2 + i * 12 + 8) }));
  const gps = entries(u32(4)).find((e) => e.tag === 0x8825);
  return gps ? entries(gps.value).map((e) => e.tag) : [];
}
