// Pure: who may see an item's photos — its author, and staff whose scope covers the item's grid (or its community, for items without a grid).
import { STAFF_ROLES } from '../../db/schema';
import { coversGrid, hasRoleIn, type StaffScope } from '../auth/staff-scope';

export interface PhotoViewer {
  userId: number | null;
  staffScope: StaffScope;
  /** The draft token from the visitor's cookie, if any. */
  draftToken: string | null;
}

export interface PhotoOwner {
  /** Null while the photo belongs to a draft form. */
  submission: { authorUserId: number; communityId: number; gridId: number | null } | null;
  draftToken: string | null;
}

export function canSeePhoto(viewer: PhotoViewer, photo: PhotoOwner, tokensEqual: (a: string, b: string) => boolean): boolean {
  const s = photo.submission;
  // A draft photo: only whoever holds the form's token (the uploader's browser), signed in or not.
  if (!s) return !!viewer.draftToken && !!photo.draftToken && tokensEqual(viewer.draftToken, photo.draftToken);
  if (viewer.userId !== null && viewer.userId === s.authorUserId) return true;
  if (!viewer.staffScope.length) return false;
  return s.gridId !== null
    ? coversGrid(viewer.staffScope, { id: s.gridId, communityId: s.communityId })
    : hasRoleIn(viewer.staffScope, s.communityId, STAFF_ROLES);
}
