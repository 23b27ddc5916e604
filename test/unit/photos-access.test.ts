// canSeePhoto as a pure rule: author, staff by grid or community scope, draft token holders for drafts only.
import { describe, expect, it } from 'vitest';
import type { StaffScope } from '../../src/domain/auth/staff-scope';
import { canSeePhoto, type PhotoOwner, type PhotoViewer } from '../../src/domain/photos/photo-access';

const eq = (a: string, b: string) => a === b;
const viewer = (v: Partial<PhotoViewer>): PhotoViewer => ({ userId: null, staffScope: [], draftToken: null, ...v });
const role = (communityId: number, gridIds: number[] | null): StaffScope[number] => ({ communityId, communityName: 'x', role: 'grid_worker', gridIds });
const onGrid: PhotoOwner = { submission: { authorUserId: 7, communityId: 1, gridId: 10 }, draftToken: 'tok-a' };
const noGrid: PhotoOwner = { submission: { authorUserId: 7, communityId: 1, gridId: null }, draftToken: null };
const draft: PhotoOwner = { submission: null, draftToken: 'tok-a' };

describe('canSeePhoto', () => {
  it('lets the author see their item’s photos, and nobody else by user id', () => {
    expect(canSeePhoto(viewer({ userId: 7 }), onGrid, eq)).toBe(true);
    expect(canSeePhoto(viewer({ userId: 8 }), onGrid, eq)).toBe(false);
    expect(canSeePhoto(viewer({}), onGrid, eq)).toBe(false);
  });

  it('lets staff see items in their grids, or anywhere in a community they cover whole', () => {
    expect(canSeePhoto(viewer({ userId: 2, staffScope: [role(1, [10])] }), onGrid, eq)).toBe(true);
    expect(canSeePhoto(viewer({ userId: 2, staffScope: [role(1, [11])] }), onGrid, eq)).toBe(false);
    expect(canSeePhoto(viewer({ userId: 2, staffScope: [role(1, null)] }), onGrid, eq)).toBe(true);
    expect(canSeePhoto(viewer({ userId: 2, staffScope: [role(2, null)] }), onGrid, eq)).toBe(false);
    expect(canSeePhoto(viewer({ userId: 2, staffScope: [role(1, [11])] }), noGrid, eq)).toBe(true);
    expect(canSeePhoto(viewer({ userId: 2, staffScope: [role(2, [11])] }), noGrid, eq)).toBe(false);
  });

  it('opens a draft photo only with its own token, and an attached one never by token', () => {
    expect(canSeePhoto(viewer({ draftToken: 'tok-a' }), draft, eq)).toBe(true);
    expect(canSeePhoto(viewer({ draftToken: 'tok-b' }), draft, eq)).toBe(false);
    expect(canSeePhoto(viewer({ userId: 7, staffScope: [role(1, null)] }), draft, eq)).toBe(false);
    expect(canSeePhoto(viewer({ draftToken: 'tok-a' }), onGrid, eq)).toBe(false);
    expect(canSeePhoto(viewer({ draftToken: '' }), { submission: null, draftToken: '' }, eq)).toBe(false);
  });
});
