// GET /photos/:id(/thumb) through the real app: who gets the bytes (author, staff in scope, draft holder) and who gets 404.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { submissionPhotos } from '../../src/db/schema';
import { attachDraftPhotos } from '../../src/domain/photos/attach-draft-photos';
import { DRAFT_COOKIE } from '../../src/domain/photos/contract';
import { newDraftToken } from '../../src/domain/photos/draft-token';
import { ingestPhoto } from '../../src/domain/photos/ingest-photo';
import { useTestApp, type TestClient } from '../helpers/app';
import { badInputFile, badInputs } from '../helpers/bad-inputs';
import { makeCommunity, makeGrid, makeResident, makeStaff } from '../helpers/builders';
import { makeRuleSet, makeSubmission } from '../helpers/photos';

const t = useTestApp();

let attached: number; // on an item in grid A
let gridless: number; // on an item without a grid
let draft: number; // still on a draft form
let draftToken: string;
const who = {} as Record<'author' | 'otherResident' | 'visitor' | 'gridAWorker' | 'gridBWorker' | 'communityAdmin' | 'otherCommunityAdmin' | 'draftHolder' | 'wrongDraft', TestClient>;

async function staffClient(opts: Parameters<typeof makeStaff>[1]) {
  const s = await makeStaff(t.deps.db, opts);
  const client = t.client();
  expect((await client.signInStaff(s.username, s.password)).status).toBe(303);
  return client;
}

async function residentClient(phone: string) {
  const client = t.client();
  await client.signInResident(phone);
  return client;
}

beforeAll(async () => {
  const db = t.deps.db;
  const deps = { db, storage: t.deps.photos };
  const community = await makeCommunity(db);
  const elsewhere = await makeCommunity(db);
  const gridA = await makeGrid(db, community.id);
  const gridB = await makeGrid(db, community.id);
  const { id: ruleSetId } = await makeRuleSet(db, community.id);
  const author = await makeResident(db);
  const other = await makeResident(db);

  const upload = (token: string, userId: number | null) => ingestPhoto(deps, { bytes: badInputFile('photo-with-gps.jpg'), draftToken: token, uploaderUserId: userId });
  const attachTo = async (gridId: number | null) => {
    const token = newDraftToken();
    const photo = await upload(token, author.id);
    const sub = await makeSubmission(db, { communityId: community.id, ruleSetId, authorUserId: author.id, gridId });
    expect(await attachDraftPhotos(db, { draftToken: token, submissionId: sub.id, userId: author.id })).toBe(1);
    return photo.id;
  };
  attached = await attachTo(gridA.id);
  gridless = await attachTo(null);
  draftToken = newDraftToken();
  draft = (await upload(draftToken, null)).id;

  who.author = await residentClient(author.phone!);
  who.otherResident = await residentClient(other.phone!);
  who.visitor = t.client();
  who.gridAWorker = await staffClient({ communityId: community.id, role: 'grid_worker', gridIds: [gridA.id] });
  who.gridBWorker = await staffClient({ communityId: community.id, role: 'grid_worker', gridIds: [gridB.id] });
  who.communityAdmin = await staffClient({ communityId: community.id, role: 'community_admin' });
  who.otherCommunityAdmin = await staffClient({ communityId: elsewhere.id, role: 'community_admin' });
  who.draftHolder = t.client();
  who.draftHolder.cookies.set(DRAFT_COOKIE, draftToken);
  who.wrongDraft = t.client();
  who.wrongDraft.cookies.set(DRAFT_COOKIE, newDraftToken());
});

describe('GET /photos/:id authorization', () => {
  const matrix: [keyof typeof who, 'attached' | 'gridless' | 'draft', 200 | 404][] = [
    ['author', 'attached', 200],
    ['author', 'gridless', 200],
    ['author', 'draft', 404], // a draft belongs to the browser holding its token, not to a signed-in user
    ['otherResident', 'attached', 404],
    ['visitor', 'attached', 404],
    ['visitor', 'draft', 404],
    ['gridAWorker', 'attached', 200],
    ['gridAWorker', 'gridless', 200], // no grid: staff of the community triage it
    ['gridAWorker', 'draft', 404],
    ['gridBWorker', 'attached', 404],
    ['communityAdmin', 'attached', 200],
    ['communityAdmin', 'gridless', 200],
    ['otherCommunityAdmin', 'attached', 404],
    ['otherCommunityAdmin', 'gridless', 404],
    ['draftHolder', 'draft', 200],
    ['draftHolder', 'attached', 404], // the token opens draft photos only
    ['wrongDraft', 'draft', 404],
  ];
  const ids = () => ({ attached, gridless, draft });

  it.each(matrix)('%s → %s photo: %i', async (viewer, which, status) => {
    for (const suffix of ['', '/thumb']) {
      const res = await who[viewer].get(`/photos/${ids()[which]}${suffix}`);
      expect(res.status).toBe(status);
      if (status === 404) expect(res.headers.get('content-type')).not.toMatch(/^image\//);
    }
  });

  it('a draft photo stops opening with the token once it is attached', async () => {
    const token = newDraftToken();
    const photo = await ingestPhoto({ db: t.deps.db, storage: t.deps.photos }, { bytes: badInputFile('ok-small.png'), draftToken: token, uploaderUserId: null });
    const holder = t.client();
    holder.cookies.set(DRAFT_COOKIE, token);
    expect((await holder.get(`/photos/${photo.id}`)).status).toBe(200);
    const [{ submissionId }] = await t.deps.db.select({ submissionId: submissionPhotos.submissionId }).from(submissionPhotos).where(eq(submissionPhotos.id, attached));
    await t.deps.db.update(submissionPhotos).set({ submissionId }).where(eq(submissionPhotos.id, photo.id));
    expect((await holder.get(`/photos/${photo.id}`)).status).toBe(404);
  });
});

describe('GET /photos/:id response', () => {
  it('sends the stored bytes with private caching, nosniff and inline disposition', async () => {
    const [row] = await t.deps.db.select().from(submissionPhotos).where(eq(submissionPhotos.id, attached));
    for (const [suffix, key] of [['', row.storageKey], ['/thumb', row.thumbKey]] as const) {
      const res = await who.author.get(`/photos/${attached}${suffix}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      expect(res.headers.get('cache-control')).toBe('private, max-age=3600');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-disposition')).toBe('inline');
      const body = new Uint8Array(await res.arrayBuffer());
      expect(Buffer.from(body).equals(Buffer.from((await t.deps.photos.get(key))!))).toBe(true);
    }
  });

  it('answers 404 (never 500) for bad and unknown ids', async () => {
    for (const id of [...badInputs.ids, '2147483648', '99999999999', '1.5', '0x1', '01']) {
      const res = await who.communityAdmin.get(`/photos/${encodeURIComponent(id)}`);
      expect(res.status, id).toBe(404);
    }
    expect((await who.communityAdmin.get('/photos/2147483000')).status).toBe(404);
  });

  it('answers 404 when the file is gone from storage', async () => {
    const [row] = await t.deps.db.select().from(submissionPhotos).where(eq(submissionPhotos.id, gridless));
    await t.deps.photos.delete(row.thumbKey);
    expect((await who.author.get(`/photos/${gridless}/thumb`)).status).toBe(404);
    expect((await who.author.get(`/photos/${gridless}`)).status).toBe(200);
  });
});
