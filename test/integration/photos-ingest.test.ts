// ingestPhoto / attachDraftPhotos / deleteDraftPhoto against real Postgres and a real disk store: refusals leave nothing behind.
import { eq, inArray } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submissionPhotos } from '../../src/db/schema';
import { AppError } from '../../src/domain/errors';
import { attachDraftPhotos } from '../../src/domain/photos/attach-draft-photos';
import { MAX_PHOTOS_PER_ITEM } from '../../src/domain/photos/contract';
import { deleteDraftPhoto } from '../../src/domain/photos/delete-draft-photo';
import { newDraftToken } from '../../src/domain/photos/draft-token';
import { ingestPhoto } from '../../src/domain/photos/ingest-photo';
import { listDraftPhotos } from '../../src/domain/photos/list-draft-photos';
import { listSubmissionPhotos } from '../../src/domain/photos/list-submission-photos';
import { badInputFile, badInputs } from '../helpers/bad-inputs';
import { makeCommunity, makeResident } from '../helpers/builders';
import { useTestDatabase } from '../helpers/db';
import { exifGpsTags, makeRuleSet, makeSubmission, tempPhotoStore } from '../helpers/photos';

const t = useTestDatabase();
let store: Awaited<ReturnType<typeof tempPhotoStore>>;
const deps = () => ({ db: t.db, storage: store.storage });
const rowsOf = (draftToken: string) => t.db.select().from(submissionPhotos).where(eq(submissionPhotos.draftToken, draftToken));

beforeAll(async () => {
  store = await tempPhotoStore();
});
afterAll(() => store.remove());

describe('ingestPhoto: accepted files', () => {
  it('photo-with-gps.jpg: one row, two files, stored copy without GPS', async () => {
    const draftToken = newDraftToken();
    const started = performance.now();
    const photo = await ingestPhoto(deps(), { bytes: badInputFile('photo-with-gps.jpg'), draftToken, uploaderUserId: null });
    console.info(`ingest photo-with-gps.jpg (store + row): ${(performance.now() - started).toFixed(1)} ms`);
    expect(photo).toMatchObject({ width: 640, height: 480, mime: 'image/jpeg' });

    const [row] = await rowsOf(draftToken);
    expect(row).toMatchObject({ id: photo.id, submissionId: null, uploaderUserId: null, width: 640, height: 480, bytes: photo.bytes, mime: 'image/jpeg' });
    // Keys are random, not derived from the upload.
    expect(row.storageKey).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{32}\.jpg$/);
    expect(row.thumbKey).toBe(row.storageKey.replace('.jpg', '_t.jpg'));

    const stored = await store.storage.get(row.storageKey);
    const thumb = await store.storage.get(row.thumbKey);
    expect(stored?.byteLength).toBe(photo.bytes);
    const meta = await sharp(stored!).metadata();
    expect(meta.exif).toBeUndefined();
    expect(exifGpsTags(meta.exif)).toEqual([]);
    expect(exifGpsTags((await sharp(badInputFile('photo-with-gps.jpg')).metadata()).exif).length).toBeGreaterThan(0);
    expect((await sharp(thumb!).metadata()).width).toBe(320);
  });

  it('ok-small.png is accepted', async () => {
    const draftToken = newDraftToken();
    const photo = await ingestPhoto(deps(), { bytes: badInputFile('ok-small.png'), draftToken, uploaderUserId: null });
    expect(photo).toMatchObject({ width: 64, height: 64 });
    expect(await listDraftPhotos(t.db, draftToken)).toEqual([{ id: photo.id, width: 64, height: 64, url: `/photos/${photo.id}`, thumbUrl: `/photos/${photo.id}/thumb` }]);
  });
});

describe('ingestPhoto: refusals store nothing', () => {
  const refused = Object.entries(badInputs.files).filter(([, expect]) => expect.startsWith('reject'));
  const keys: Record<string, string> = {
    'pixel-bomb.png': 'photo.err.tooManyPixels',
    'truncated.jpg': 'photo.err.invalid',
    'html-as.jpg': 'photo.err.type',
    'script.svg': 'photo.err.type',
    'empty.jpg': 'photo.err.empty',
  };

  it('covers every "reject" file of cases.json', () => {
    expect(refused.map(([name]) => name).sort()).toEqual(Object.keys(keys).sort());
  });

  it.each(refused)('%s → %s', async (name) => {
    const filesBefore = (await store.files()).length;
    const draftToken = newDraftToken();
    const err = await ingestPhoto(deps(), { bytes: badInputFile(name), draftToken, uploaderUserId: null }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBeLessThan(500);
    expect((err as AppError).msg.key).toBe(keys[name]);
    expect(await rowsOf(draftToken)).toEqual([]);
    expect((await store.files()).length).toBe(filesBefore);
  });

  it('refuses a malformed draft token before any work', async () => {
    for (const draftToken of ['', 'short', '../../../../etc/passwd', 'x'.repeat(100), "' or '1'='1 padding padding"]) {
      const err = await ingestPhoto(deps(), { bytes: badInputFile('ok-small.png'), draftToken, uploaderUserId: null }).catch((e: AppError) => e);
      expect((err as AppError).status).toBe(400);
    }
  });

  it(`refuses photo ${MAX_PHOTOS_PER_ITEM + 1} of a draft, also when uploads race`, async () => {
    const draftToken = newDraftToken();
    const filesBefore = (await store.files()).length;
    const results = await Promise.allSettled(
      Array.from({ length: MAX_PHOTOS_PER_ITEM + 2 }, () => ingestPhoto(deps(), { bytes: badInputFile('ok-small.png'), draftToken, uploaderUserId: null })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(MAX_PHOTOS_PER_ITEM);
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect(((r as PromiseRejectedResult).reason as AppError).msg).toEqual({ key: 'photo.err.tooMany', params: { max: '4' } });
    }
    expect(await rowsOf(draftToken)).toHaveLength(MAX_PHOTOS_PER_ITEM);
    expect((await store.files()).length).toBe(filesBefore + 2 * MAX_PHOTOS_PER_ITEM);
  });

  it('deletes the files again when the row cannot be written', async () => {
    const filesBefore = (await store.files()).length;
    const draftToken = newDraftToken();
    // A user id that does not exist: the insert fails on the foreign key, after the files were written.
    const err = await ingestPhoto(deps(), { bytes: badInputFile('ok-small.png'), draftToken, uploaderUserId: 2_000_000_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(await rowsOf(draftToken)).toEqual([]);
    expect((await store.files()).length).toBe(filesBefore);
  });
});

describe('attachDraftPhotos', () => {
  let community: Awaited<ReturnType<typeof makeCommunity>>;
  let ruleSetId: number;
  beforeAll(async () => {
    community = await makeCommunity(t.db);
    ruleSetId = (await makeRuleSet(t.db, community.id)).id;
  });

  const upload = (draftToken: string, uploaderUserId: number | null) =>
    ingestPhoto(deps(), { bytes: badInputFile('ok-small.png'), draftToken, uploaderUserId });

  it('moves only this draft’s unattached photos, oldest first, and is safe to repeat', async () => {
    const author = await makeResident(t.db);
    const draftToken = newDraftToken();
    const mine = [await upload(draftToken, null), await upload(draftToken, author.id)];
    const other = await upload(newDraftToken(), null);
    const sub = await makeSubmission(t.db, { communityId: community.id, ruleSetId, authorUserId: author.id });

    expect(await t.db.transaction((tx) => attachDraftPhotos(tx, { draftToken, submissionId: sub.id, userId: author.id }))).toBe(2);
    expect((await listSubmissionPhotos(t.db, sub.id)).map((p) => p.id)).toEqual(mine.map((p) => p.id));
    const rows = await t.db.select().from(submissionPhotos).where(inArray(submissionPhotos.id, mine.map((p) => p.id)));
    expect(rows.every((r) => r.submissionId === sub.id && r.uploaderUserId === author.id)).toBe(true);
    expect(await listDraftPhotos(t.db, draftToken)).toEqual([]);
    // The double tap: nothing more to attach.
    expect(await attachDraftPhotos(t.db, { draftToken, submissionId: sub.id, userId: author.id })).toBe(0);
    const [untouched] = await t.db.select().from(submissionPhotos).where(eq(submissionPhotos.id, other.id));
    expect(untouched.submissionId).toBeNull();
  });

  it(`never lets an item hold more than ${MAX_PHOTOS_PER_ITEM}`, async () => {
    const author = await makeResident(t.db);
    const sub = await makeSubmission(t.db, { communityId: community.id, ruleSetId, authorUserId: author.id });
    const first = newDraftToken();
    for (let i = 0; i < 3; i++) await upload(first, author.id);
    expect(await attachDraftPhotos(t.db, { draftToken: first, submissionId: sub.id, userId: author.id })).toBe(3);
    const second = newDraftToken();
    for (let i = 0; i < 3; i++) await upload(second, author.id);
    expect(await attachDraftPhotos(t.db, { draftToken: second, submissionId: sub.id, userId: author.id })).toBe(1);
    expect(await listSubmissionPhotos(t.db, sub.id)).toHaveLength(MAX_PHOTOS_PER_ITEM);
  });

  it('does not claim photos another signed-in user uploaded, nor accept a malformed token', async () => {
    const uploader = await makeResident(t.db);
    const thief = await makeResident(t.db);
    const draftToken = newDraftToken();
    await upload(draftToken, uploader.id);
    const sub = await makeSubmission(t.db, { communityId: community.id, ruleSetId, authorUserId: thief.id });
    expect(await attachDraftPhotos(t.db, { draftToken, submissionId: sub.id, userId: thief.id })).toBe(0);
    expect(await attachDraftPhotos(t.db, { draftToken: '%', submissionId: sub.id, userId: thief.id })).toBe(0);
  });
});

describe('deleteDraftPhoto', () => {
  it('removes the row and both files of one draft photo; other drafts and attached photos read as not found', async () => {
    const draftToken = newDraftToken();
    const photo = await ingestPhoto(deps(), { bytes: badInputFile('ok-small.png'), draftToken, uploaderUserId: null });
    const [row] = await rowsOf(draftToken);
    const wrong = await deleteDraftPhoto(deps(), { draftToken: newDraftToken(), photoId: photo.id }).catch((e: AppError) => e);
    expect((wrong as AppError).status).toBe(404);
    await deleteDraftPhoto(deps(), { draftToken, photoId: photo.id });
    expect(await rowsOf(draftToken)).toEqual([]);
    expect(await store.storage.get(row.storageKey)).toBeNull();
    expect(await store.storage.get(row.thumbKey)).toBeNull();
  });
});
