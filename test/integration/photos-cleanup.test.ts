// Stale draft photos (never attached within 24 h) are deleted with their files; fresh drafts and attached photos stay.
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submissionPhotos } from '../../src/db/schema';
import { attachDraftPhotos } from '../../src/domain/photos/attach-draft-photos';
import { DRAFT_PHOTO_TTL_MS } from '../../src/domain/photos/contract';
import { deleteStaleDrafts } from '../../src/domain/photos/delete-stale-drafts';
import { newDraftToken } from '../../src/domain/photos/draft-token';
import { ingestPhoto } from '../../src/domain/photos/ingest-photo';
import { photosCleanup } from '../../src/jobs/handlers/photos-cleanup';
import { buildRegistry } from '../../src/jobs/registry';
import { createLogger } from '../../src/logger';
import { badInputFile } from '../helpers/bad-inputs';
import { makeCommunity, makeResident } from '../helpers/builders';
import { useTestDatabase } from '../helpers/db';
import { makeRuleSet, makeSubmission, tempPhotoStore } from '../helpers/photos';

const t = useTestDatabase();
let store: Awaited<ReturnType<typeof tempPhotoStore>>;
beforeAll(async () => {
  store = await tempPhotoStore();
});
afterAll(() => store.remove());

const upload = () => ingestPhoto({ db: t.db, storage: store.storage }, { bytes: badInputFile('ok-small.png'), draftToken: newDraftToken(), uploaderUserId: null });
const age = (id: number, ms: number) => t.db.update(submissionPhotos).set({ createdAt: new Date(Date.now() - ms) }).where(eq(submissionPhotos.id, id));
const rows = (ids: number[]) => t.db.select().from(submissionPhotos).where(inArray(submissionPhotos.id, ids));

describe('deleteStaleDrafts', () => {
  it('deletes only unattached photos older than 24 h, rows and files, in batches', async () => {
    const community = await makeCommunity(t.db);
    const { id: ruleSetId } = await makeRuleSet(t.db, community.id);
    const author = await makeResident(t.db);

    const stale = [await upload(), await upload(), await upload()];
    const fresh = await upload();
    const oldToken = newDraftToken();
    const oldAttached = await ingestPhoto({ db: t.db, storage: store.storage }, { bytes: badInputFile('ok-small.png'), draftToken: oldToken, uploaderUserId: null });
    const sub = await makeSubmission(t.db, { communityId: community.id, ruleSetId, authorUserId: author.id });
    await attachDraftPhotos(t.db, { draftToken: oldToken, submissionId: sub.id, userId: author.id });
    for (const p of [...stale, oldAttached]) await age(p.id, DRAFT_PHOTO_TTL_MS + 60_000);
    await age(fresh.id, DRAFT_PHOTO_TTL_MS - 60_000);
    const staleRows = await rows(stale.map((p) => p.id));
    expect(await store.files()).toHaveLength(10);

    const result = await deleteStaleDrafts({ db: t.db, storage: store.storage }, { now: new Date(), batch: 2 });
    expect(result).toEqual({ photos: 3, fileErrors: 0 });
    expect(await rows(stale.map((p) => p.id))).toEqual([]);
    for (const r of staleRows) {
      expect(await store.storage.get(r.storageKey)).toBeNull();
      expect(await store.storage.get(r.thumbKey)).toBeNull();
    }
    expect((await rows([fresh.id, oldAttached.id])).map((r) => r.id).sort()).toEqual([fresh.id, oldAttached.id].sort());
    expect(await store.files()).toHaveLength(4);
    // Nothing left to do: a second run is a no-op.
    expect(await deleteStaleDrafts({ db: t.db, storage: store.storage }, { now: new Date() })).toEqual({ photos: 0, fileErrors: 0 });
  });
});

describe('photos.cleanup job', () => {
  it('is registered hourly and accepts an empty payload', () => {
    const def = buildRegistry().get('photos.cleanup');
    expect(def).toBe(photosCleanup);
    expect(def?.every).toBe(3600_000);
    expect(def?.payload.safeParse({}).success).toBe(true);
  });

  it('cleans the store under DATA_DIR', async () => {
    const photo = await upload();
    await age(photo.id, DRAFT_PHOTO_TTL_MS + 1000);
    const [row] = await rows([photo.id]);
    const saved = process.env.DATA_DIR;
    process.env.DATA_DIR = store.dir;
    try {
      const result = await photosCleanup.handler({}, {
        db: t.db,
        logger: createLogger('silent'),
        attempt: 1,
        now: () => new Date(),
        runtime: { redispatchLost: async () => 0 },
      });
      expect(result).toEqual({ photos: 1, fileErrors: 0 });
    } finally {
      if (saved === undefined) delete process.env.DATA_DIR;
      else process.env.DATA_DIR = saved;
    }
    expect(await rows([photo.id])).toEqual([]);
    expect(await store.storage.get(row.storageKey)).toBeNull();
  });
});
